import { test, expect, signIn } from "./fixtures";
import { renderedVideo, whenRendered } from "./generations";

test("extend: a finished video continues for 5 more seconds from the gallery, charged up front, one longer video", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  const parent = await renderedVideo(page, "A kite over a windy beach");

  await page.goto(`/gallery/${parent.id}`);
  await page.getByRole("button", { name: "Extend" }).click();
  const dialog = page.getByRole("dialog", { name: "Extend by 5 seconds" });
  await expect(dialog.getByLabel("What happens next")).toHaveValue("A kite over a windy beach");
  await dialog.getByLabel("What happens next").fill("The kite climbs into the clouds");
  await page.screenshot({ path: "e2e/screenshots/extend-dialog.png" });
  const balance = page.getByTestId("credit-balance");
  await expect(balance).toHaveText("56");
  await dialog.getByRole("button", { name: "Extend · 10 credits" }).click();

  await expect(page).toHaveURL(/\/studio$/);
  await expect(balance).toHaveText("46");
  const list = await (await page.request.get("/api/generations?kind=extend")).json();
  expect(list.generations).toHaveLength(1);
  const extensionId = list.generations[0].id as string;
  expect((await whenRendered(page, extensionId)).video).toMatchObject({ durationMs: 10_000, width: 320, height: 180 });

  await page.goto(`/gallery/${extensionId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The kite climbs into the clouds");
  const duration = await page.getByLabel("Video player").evaluate(async (video: HTMLVideoElement) => {
    if (video.readyState < 1) await new Promise((resolve) => video.addEventListener("loadedmetadata", resolve, { once: true }));
    return video.duration;
  });
  expect(duration).toBeCloseTo(10, 0);
});

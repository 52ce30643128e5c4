import { test, expect, signIn } from "./fixtures";

test("extend: a finished video continues for 5 more seconds from the gallery, charged up front, one longer video", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  const submitted = await page.request.post("/api/generations", { data: { kind: "text_to_video", prompt: "A kite over a windy beach" } });
  expect(submitted.status()).toBe(201);
  const parentId = (await submitted.json()).generations[0].id as string;
  const statusOf = async (id: string) => (await (await page.request.get(`/api/generations/${id}`)).json()).generation;
  await expect.poll(async () => (await statusOf(parentId)).status, { timeout: 150_000 }).toBe("succeeded");

  await page.goto(`/gallery/${parentId}`);
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
  await expect.poll(async () => (await statusOf(extensionId)).status, { timeout: 150_000 }).toBe("succeeded");
  expect((await statusOf(extensionId)).video).toMatchObject({ durationMs: 10_000, width: 1280, height: 720 });

  await page.goto(`/gallery/${extensionId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The kite climbs into the clouds");
  const duration = await page.getByLabel("Video player").evaluate(async (video: HTMLVideoElement) => {
    if (video.readyState < 1) await new Promise((resolve) => video.addEventListener("loadedmetadata", resolve, { once: true }));
    return video.duration;
  });
  expect(duration).toBeCloseTo(10, 0);
});

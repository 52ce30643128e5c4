import { test, expect, signIn } from "./fixtures";
import { CEILING } from "../tests/support/ceilings";

test("a creator builds a 3-shot storyboard, sees its total and cost, generates, and seeks to shot 2 in the gallery", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  await page.getByRole("switch", { name: /Storyboard/ }).click();
  const shot = (n: number) => page.getByRole("listitem", { name: `Shot ${n}`, exact: true });

  await shot(1).getByLabel("Shot 1 prompt").fill("a harbour on the sea at dawn");
  await shot(1).getByLabel("Length").selectOption("4");
  await shot(2).getByLabel("Shot 2 prompt").fill("a snowy pine forest");
  await shot(2).getByLabel("Length").selectOption("5");
  await shot(2).getByLabel("Camera").selectOption({ label: "Pan: turn right" });
  await page.getByRole("button", { name: "+ Add shot" }).click();
  await shot(3).getByLabel("Shot 3 prompt").fill("red desert dunes at noon");
  await shot(3).getByLabel("Length").selectOption("6");

  // Keyboard: reorder with the buttons, and back.
  await page.getByRole("button", { name: "Move shot 3 earlier" }).focus();
  await page.keyboard.press("Enter");
  await expect(shot(2).getByLabel("Shot 2 prompt")).toHaveValue("red desert dunes at noon");
  await page.getByRole("button", { name: "Move shot 2 later" }).focus();
  await page.keyboard.press("Enter");
  await expect(shot(3).getByLabel("Shot 3 prompt")).toHaveValue("red desert dunes at noon");

  await expect(page.getByRole("list", { name: /Timeline: shot 1, 4 s from 0:00; shot 2, 5 s from 0:04; shot 3, 6 s from 0:09/ })).toBeVisible();
  await expect(page.getByTestId("generate-cost")).toHaveText("30 credits");
  await expect(page.getByTestId("storyboard-total")).toHaveText("15 s of 15 s · 30 credits");

  await page.getByRole("button", { name: /Generate/ }).click();
  const card = page.getByRole("article").first();
  await expect(card.getByTestId("job-status")).toHaveText(/Queued|Rendering|Done/);
  await expect(card.getByText(/15 s · 16:9 · storyboard of 3 shots · 30 credits/)).toBeVisible();
  await expect(card.getByTestId("job-status")).toHaveText("Done", { timeout: CEILING.render });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gallery" }).click();
  await page.getByRole("link", { name: /^a harbour on the sea at dawn/ }).click();
  const player = page.getByLabel("Video player");
  const duration = await player.evaluate(async (v: HTMLVideoElement) => {
    if (v.readyState < 1) await new Promise((r) => v.addEventListener("loadedmetadata", r, { once: true }));
    return v.duration;
  });
  expect(duration).toBeCloseTo(15, 0);
  await page.getByRole("button", { name: /^Shot 2, from 0:04/ }).click();
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(4, 1);
  await expect(page.getByRole("button", { name: /^Shot 2, from 0:04/ })).toHaveAttribute("aria-current", "true");
});

test("the storyboard editor fits a phone and the storyboard survives a reload", async ({ page, user }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, user);
  await page.getByRole("switch", { name: /Storyboard/ }).click();
  await page.getByLabel("Shot 1 prompt").fill("lanterns over a lake");
  await page.getByRole("button", { name: "Duplicate shot 1" }).click();
  await expect(page.getByLabel("Shot 2 prompt")).toHaveValue("lanterns over a lake");
  await page.getByRole("radio", { name: "Automatic" }).click();
  await page.getByLabel("Prompt", { exact: true }).fill("Dawn over the bay. Then the boats sail out. Night falls.");
  await expect(page.getByRole("list", { name: "Shots from the prompt" }).getByRole("listitem")).toHaveCount(3);
  // The duplicate made the length 3 + 3 + 2 = 8 s: the automatic split shares it, priced per second.
  await expect(page.getByTestId("generate-cost")).toHaveText("16 credits");
  await expect(page.getByRole("button", { name: /Generate/ })).toBeEnabled();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "e2e/screenshots/storyboard-phone.png", fullPage: true });

  await page.reload();
  await expect(page.getByRole("switch", { name: /Storyboard/ })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("radio", { name: "Automatic" })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("radio", { name: "Custom shots" }).click();
  await expect(page.getByLabel("Shot 2 prompt")).toHaveValue("lanterns over a lake");
  await expect(page.getByLabel("Shot 3 prompt")).toHaveValue("");
});

import { test, expect, signIn } from "./fixtures";
import { CEILING } from "../tests/support/ceilings";
import { holdRunningJob } from "./held-job";
import { readFileSync } from "node:fs";
import { testImage } from "./images";

test("text to video with a camera move: cost shown, progress to done, video plays", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  await page.getByLabel("Prompt", { exact: true }).fill("A paper lantern drifting over a calm lake at night, soft moonlight");
  await page.getByRole("radio", { name: "Zoom", exact: true }).click();
  await page.getByLabel(/Zoom: − closer/).fill("-6");
  await expect(page.getByText("Preview: Zoom -6: closer")).toBeVisible();
  await expect(page.getByTestId("generate-cost")).toHaveText("10 credits");

  await page.getByRole("button", { name: /Generate/ }).click();
  const card = page.getByRole("article").first();
  await expect(card.getByTestId("job-status")).toHaveText(/Queued|Rendering|Done/);
  await expect(card.getByTestId("job-status")).toHaveText("Done", { timeout: CEILING.render });
  const video = card.getByLabel("Generated video");
  await expect(video).toBeVisible();
  await expect(page.getByTestId("credit-balance")).toHaveText("56");
  const duration = await video.evaluate(async (v: HTMLVideoElement) => {
    if (v.readyState < 1) await new Promise((r) => v.addEventListener("loadedmetadata", r, { once: true }));
    return v.duration;
  });
  expect(duration).toBeCloseTo(5, 1);
  await page.screenshot({ path: "e2e/screenshots/studio-done.png", fullPage: true });
});

test("settings persist per tab across reloads, and professional mode is locked on the free plan", async ({ page, user }) => {
  await signIn(page, user);
  await page.getByLabel("Prompt", { exact: true }).fill("Fog rolling over a pine ridge");
  await page.getByRole("radio", { name: "10 s" }).click();
  await page.getByRole("radio", { name: "9:16" }).click();
  await page.getByRole("tab", { name: "Image to Video" }).click();
  await page.getByLabel("Negative prompt (what to keep out)").fill("text");
  await page.reload();
  await expect(page.getByRole("tab", { name: "Image to Video" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByLabel("Negative prompt (what to keep out)")).toHaveValue("text");
  await page.getByRole("tab", { name: "Text to Video" }).click();
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("Fog rolling over a pine ridge");
  await expect(page.getByRole("radio", { name: "10 s" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("generate-cost")).toHaveText("20 credits");

  await expect(page.getByRole("radio", { name: /Pro 1080p/ })).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByRole("radio", { name: /Standard 720p/ })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText("Professional mode is included from the Standard plan.")).toBeVisible();
});

test("image to video: a refused frame says why on the drop area; a good one animates", async ({ page, user }) => {
  await signIn(page, user);
  await page.getByRole("tab", { name: "Image to Video" }).click();
  const start = page.getByTestId("Start frame-input");
  await start.setInputFiles(testImage(200, 200));
  await expect(page.getByRole("alert").filter({ hasText: /at least 300 px/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /Generate/ })).toBeDisabled();

  await start.setInputFiles(testImage(1280, 720));
  await expect(page.getByAltText("Start frame preview")).toBeVisible();
  await page.getByRole("radio", { name: /Turn right & advance/ }).click();
  await page.getByRole("button", { name: /Generate/ }).click();
  const card = page.getByRole("article").first();
  await expect(card.getByTestId("job-status")).toHaveText("Done", { timeout: CEILING.render });
  await expect(card.getByLabel("Generated video")).toBeVisible();
});

test("a queued job can be cancelled and is refunded", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  // The free plan runs one job at a time: while this one holds the slot, every new job waits queued.
  const held = await holdRunningJob(user.email, "A job ahead of the others");
  await page.getByLabel("Prompt", { exact: true }).fill("Rain on a tin roof, close-up");
  await page.getByRole("radio", { name: "3", exact: true }).click();
  await expect(page.getByTestId("generate-cost")).toHaveText("30 credits");
  await page.getByRole("button", { name: /Generate/ }).click();
  const queued = page.getByRole("article").filter({ has: page.getByTestId("job-status").filter({ hasText: "Queued" }) }).first();
  await queued.getByRole("button", { name: "Cancel" }).click();
  const cancelled = page.getByRole("article").filter({ has: page.getByTestId("job-status").filter({ hasText: "Cancelled" }) });
  await expect(cancelled).toHaveCount(1);
  await expect(cancelled.getByText("Refunded 10 credits.")).toBeVisible();
  await expect(page.getByTestId("credit-balance")).toHaveText("46");
  expect((await page.request.post(`/api/generations/${held}/cancel`)).status()).toBe(200);
});

test("image to video with a dropped start frame and an end frame", async ({ page, user }) => {
  await signIn(page, user);
  await page.getByRole("tab", { name: "Image to Video" }).click();
  // A real drop of a file onto the start frame area, as a person drags one from their desktop.
  const bytes = readFileSync(testImage(960, 960)).toString("base64");
  const dataTransfer = await page.evaluateHandle((b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], "dropped.png", { type: "image/png" }));
    return transfer;
  }, bytes);
  await page.getByRole("button", { name: /^Start frame: drop an image/ }).dispatchEvent("drop", { dataTransfer });
  await expect(page.getByAltText("Start frame preview")).toBeVisible();
  await page.getByTestId("End frame-input").setInputFiles(testImage(800, 800, "jpg"));
  await expect(page.getByAltText("End frame preview")).toBeVisible();
  await expect(page.getByText("dropped.png · 960×960")).toBeVisible();

  await page.getByRole("button", { name: /Generate/ }).click();
  const card = page.getByRole("article").first();
  await expect(card.getByTestId("job-status")).toHaveText("Done", { timeout: CEILING.render });
  await expect(card.getByText(/Image to video · 720p · 5 s/)).toBeVisible();
});

test("not enough credits disables Generate and says why, with a way to buy more", async ({ page, user }) => {
  await signIn(page, user);
  await page.getByLabel("Prompt", { exact: true }).fill("A marching band in a thunderstorm");
  await page.getByRole("radio", { name: "10 s" }).click();
  await page.getByRole("radio", { name: "4", exact: true }).click();
  await page.getByRole("switch", { name: /Ambient audio/ }).click();
  await expect(page.getByTestId("generate-cost")).toHaveText("160 credits");
  await expect(page.getByRole("button", { name: /Generate/ })).toBeDisabled();
  await expect(page.getByText("This costs 160 credits and your balance is 66.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Buy credits" })).toHaveAttribute("href", "/pricing");
});

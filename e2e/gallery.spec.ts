import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { test, expect, signIn } from "./fixtures";
import { CEILING } from "../tests/support/ceilings";
import { holdRunningJob } from "./held-job";

const ffprobe = (createRequire(import.meta.url)("@ffprobe-installer/ffprobe") as { path: string }).path;

const WIDTHS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 375, height: 740 },
];

/** Signs in, sets up the studio form with `setup` and generates one video, waiting until it is done. */
async function generate(page: Page, user: Parameters<typeof signIn>[1], prompt: string, setup: () => Promise<void> = async () => {}) {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  await page.getByLabel("Prompt", { exact: true }).fill(prompt);
  await setup();
  await page.getByRole("button", { name: /Generate/ }).click();
  await expect(page.getByRole("article").first().getByTestId("job-status")).toHaveText("Done", { timeout: CEILING.render });
}

/** Opens the gallery and the detail view of the video whose prompt starts with `prompt`. */
async function openInGallery(page: Page, prompt: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gallery" }).click();
  await page.getByRole("link", { name: new RegExp(`^${prompt}`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(new RegExp(`^${prompt}`));
}

test("a T2V with a camera move plays and seeks in the gallery and downloads as a valid MP4", async ({ page, user }, testInfo) => {
  const prompt = "A paper lantern drifting over a calm lake at night";
  await generate(page, user, prompt, async () => {
    await page.getByRole("radio", { name: "Zoom", exact: true }).click();
    await page.getByLabel(/Zoom: − closer/).fill("-6");
  });
  await openInGallery(page, prompt);
  await expect(page.getByText("Zoom -6: closer")).toBeVisible();

  const player = page.getByLabel("Video player");
  const duration = await player.evaluate(async (v: HTMLVideoElement) => {
    if (v.readyState < 1) await new Promise((r) => v.addEventListener("loadedmetadata", r, { once: true }));
    return v.duration;
  });
  expect(duration).toBeCloseTo(5, 0);
  const seekedTo = await player.evaluate(async (v: HTMLVideoElement) => {
    const seeked = new Promise((r) => v.addEventListener("seeked", r, { once: true }));
    v.currentTime = 3;
    await seeked;
    await v.play();
    return v.currentTime;
  });
  expect(seekedTo).toBeGreaterThanOrEqual(2.9);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^reelsmith-a-paper-lantern-drifting-over-a-standard-5s-[a-z0-9]{6}\.mp4$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  expect(readFileSync(file).subarray(4, 8).toString("latin1")).toBe("ftyp");
  const probe = JSON.parse(execFileSync(ffprobe, ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", file], { encoding: "utf8" })) as {
    streams: { codec_type: string; codec_name: string }[];
    format: { duration: string };
  };
  expect(Number(probe.format.duration)).toBeCloseTo(5, 0);
  expect(probe.streams.find((s) => s.codec_type === "video")?.codec_name).toBe("h264");

  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await expect(page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).resolves.toBeLessThanOrEqual(0);
    await page.screenshot({ path: `e2e/screenshots/gallery-detail-${size.name}.png`, fullPage: true });
    await page.goto("/gallery");
    await expect(page.getByRole("list", { name: "Your videos" }).getByRole("listitem")).toHaveCount(1);
    await expect(page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).resolves.toBeLessThanOrEqual(0);
    await page.screenshot({ path: `e2e/screenshots/gallery-${size.name}.png`, fullPage: true });
    await page.goBack();
  }
});

test("reuse settings opens the studio with the video's prompt, camera, length and aspect ratio", async ({ page, user }) => {
  const prompt = "Fog rolling over a pine ridge at sunrise";
  await generate(page, user, prompt, async () => {
    await page.getByRole("radio", { name: /Turn right & advance/ }).click();
    await page.getByRole("radio", { name: "10 s" }).click();
    await page.getByRole("radio", { name: "1:1" }).click();
  });
  // What the studio remembers now differs from the video: reuse must win over it.
  await page.getByLabel("Prompt", { exact: true }).fill("something else entirely");
  await page.getByRole("radio", { name: "5 s", exact: true }).click();
  await page.getByRole("radio", { name: "16:9" }).click();

  await openInGallery(page, prompt);
  await page.getByRole("link", { name: "Reuse settings" }).click();
  await expect(page).toHaveURL(/\/studio$/);
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue(prompt);
  await expect(page.getByRole("radio", { name: /Turn right & advance/ })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText("Preview: Turn right & advance")).toBeVisible();
  await expect(page.getByRole("radio", { name: "10 s" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("radio", { name: "1:1" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("radio", { name: "1", exact: true })).toHaveAttribute("aria-checked", "true");

  // The reused settings are the studio's own now: a reload keeps them.
  await page.reload();
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue(prompt);
});

test("favourite, the favourites filter and prompt search, kept in the URL across a reload", async ({ page, user }) => {
  const prompt = "Rain on a tin roof in slow motion";
  await generate(page, user, prompt);
  await page.goto("/gallery");
  const card = page.getByRole("listitem").filter({ hasText: prompt });
  const star = card.getByRole("button", { name: /^Favourite/ });
  await expect(star).toHaveAttribute("aria-pressed", "false");
  await Promise.all([page.waitForResponse((r) => r.request().method() === "PATCH" && r.ok()), star.click()]);
  await expect(star).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "Favourites only" }).click();
  await expect(page).toHaveURL(/favorites=1/);
  await expect(card).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Favourites only" })).toHaveAttribute("aria-pressed", "true");
  // The star turns at once; the reload waits until the server has the change.
  await Promise.all([page.waitForResponse((r) => r.request().method() === "PATCH" && r.ok()), card.getByRole("button", { name: /^Favourite/ }).click()]);
  await expect(card.getByRole("button", { name: /^Favourite/ })).toHaveAttribute("aria-pressed", "false");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Nothing matches these filters" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(card).toBeVisible();

  const search = page.getByRole("searchbox", { name: "Search prompts" });
  await search.fill("TIN roof");
  await expect(page).toHaveURL(/q=TIN\+roof/);
  await expect(card).toBeVisible();
  await search.fill("lighthouse");
  await expect(page.getByRole("heading", { name: "Nothing matches these filters" })).toBeVisible();
  await page.reload();
  await expect(search).toHaveValue("lighthouse");
  await expect(page.getByRole("heading", { name: "Nothing matches these filters" })).toBeVisible();
});

test("delete asks first, then removes the video from the gallery and its media", async ({ page, user }) => {
  const prompt = "A red kite over green hills";
  await generate(page, user, prompt);
  await openInGallery(page, prompt);
  const src = await page.getByLabel("Video player").getAttribute("src");
  expect(src).toMatch(/^\/api\/media\//);

  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this video?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete video" }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(page.getByRole("status").filter({ hasText: "Video deleted." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your videos will appear here" })).toBeVisible();
  expect((await page.request.get(src!)).status()).toBe(404);
  await expect(page.getByRole("link", { name: "Open the Studio" })).toHaveAttribute("href", "/studio");
});

test("the open gallery shows a new video as it renders and when it is done, without a reload", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  await page.goto("/gallery");
  await expect(page.getByRole("heading", { name: "Your videos will appear here" })).toBeVisible();
  // While a job holds the free plan's one slot, the new one waits queued: the page is seen in both states.
  const held = await holdRunningJob(user.email, "A job ahead of this one");
  // Submitted elsewhere (another tab, a script): this page only listens.
  const prompt = "Lanterns rising over a night market";
  expect((await page.request.post("/api/generations", { data: { kind: "text_to_video", prompt } })).status()).toBe(201);
  const card = page.getByRole("listitem").filter({ hasText: prompt });
  await expect(card).toBeVisible();
  await expect(card.getByTestId("job-status")).toHaveText("Queued");
  expect((await page.request.post(`/api/generations/${held}/cancel`)).status()).toBe(200);
  await expect(card.getByTestId("job-status")).toHaveCount(0, { timeout: CEILING.render });
  await expect(card.getByText("5 s", { exact: true })).toBeVisible();
});

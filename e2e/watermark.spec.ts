import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { test, expect, signIn } from "./fixtures";
import { paintWatermark } from "../lib/media/watermark-mark";
import { renderedVideo } from "./generations";

const ffmpeg = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;

async function download(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.get(`${url}?download=1`);
  expect(response.status()).toBe(200);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "e2e-dl-")), "video.mp4");
  writeFileSync(file, await response.body());
  return file;
}

/** The frame at 1 s as grey pixels. */
const frameAt1s = (file: string, width: number) => {
  const pixels = execFileSync(ffmpeg, ["-v", "error", "-ss", "1", "-i", file, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"], { maxBuffer: 1 << 24 });
  return (x: number, y: number) => pixels[y * width + x]!;
};

function meanDifference(a: (x: number, y: number) => number, b: (x: number, y: number) => number, box: { x: number; y: number; w: number; h: number }) {
  let sum = 0;
  for (let y = box.y; y < box.y + box.h; y++) for (let x = box.x; x < box.x + box.w; x++) sum += Math.abs(a(x, y) - b(x, y));
  return sum / (box.w * box.h);
}

test("a free plan downloads a watermarked video; after buying Standard, the gallery's download is the clean file", async ({ page, user }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  const generation = await renderedVideo(page, "A calm harbour at noon, boats at anchor");
  const marked = await download(page.request, generation.video!.url);

  // Buy Standard through the pricing page and the (test mode) checkout, as a person would.
  await page.goto("/pricing");
  await page.getByRole("button", { name: "Choose Standard" }).click();
  await page.getByRole("button", { name: "Complete purchase" }).click();
  await expect(page).toHaveURL(/\/account\?purchase=ok$/);

  await page.goto(`/gallery/${generation.id}`);
  const [saved] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download" }).click()]);
  const clean = path.join(mkdtempSync(path.join(tmpdir(), "e2e-dl-")), saved.suggestedFilename());
  await saved.saveAs(clean);

  const [w, h] = [generation.video!.width, generation.video!.height];
  const a = frameAt1s(marked, w);
  const b = frameAt1s(clean, w);
  // The mark sits in the bottom-right corner, 3 % of the short side in; the rest of the picture is the same video.
  const mark = paintWatermark(w, h);
  const margin = Math.round(Math.min(w, h) * 0.03);
  expect(meanDifference(a, b, { x: w - margin - mark.width, y: h - margin - mark.height, w: mark.width, h: mark.height })).toBeGreaterThan(20);
  expect(meanDifference(a, b, { x: 0, y: 0, w: Math.round(w / 2), h: Math.round(h / 2) })).toBeLessThan(4);
});

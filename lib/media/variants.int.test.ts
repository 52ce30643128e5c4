import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { GET as media } from "@/app/api/media/[id]/route";
import { authedRequest } from "@/tests/support/session";
import { createTestUser } from "@/tests/support/users";
import { forgetSessionUser } from "../auth/session-cache";
import { db } from "../db/client";
import { FFMPEG_PATH } from "../engines/ffmpeg/run";
import { storage } from "../storage";
import { storeFileAsset } from "../storage/assets";
import { assetToServe, watermarkedVariant } from "./variants";
import { CEILING } from "@/tests/support/ceilings";

// Counts encodes, each still done by the real ffmpeg.
const encodes = vi.hoisted(() => ({ count: 0 }));
vi.mock("./watermark", async (importOriginal) => {
  const real = await importOriginal<typeof import("./watermark")>();
  return {
    watermarkFile: (...args: Parameters<typeof real.watermarkFile>) => {
      encodes.count++;
      return real.watermarkFile(...args);
    },
  };
});

const dir = () => mkdtempSync(path.join(tmpdir(), "wm-"));

async function masterVideo(userId: string, width = 1280, height = 720) {
  const file = path.join(dir(), "master.mp4");
  execFileSync(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", `testsrc2=size=${width}x${height}:rate=24`, "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", file]);
  return storeFileAsset(userId, "video", file, { mime: "video/mp4", width, height, durationMs: 2000 });
}

/** One frame at 1 s as 8-bit grey pixels. */
async function frame(storageKey: string): Promise<Buffer> {
  const file = path.join(dir(), "video.mp4");
  await storage().download(storageKey, file);
  return execFileSync(FFMPEG_PATH, ["-v", "error", "-ss", "1", "-i", file, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"], { maxBuffer: 1 << 24 });
}

/** Mean absolute difference of two grey frames over a rectangle. */
function difference(a: Buffer, b: Buffer, width: number, box: { x: number; y: number; w: number; h: number }): number {
  let sum = 0;
  for (let y = box.y; y < box.y + box.h; y++) for (let x = box.x; x < box.x + box.w; x++) sum += Math.abs(a[y * width + x]! - b[y * width + x]!);
  return sum / (box.w * box.h);
}

describe("watermarked variants", () => {
  it("mark the bottom-right corner of the video and leave the rest of the picture as it was", async () => {
    const user = await createTestUser();
    const master = await masterVideo(user.id);
    const marked = await watermarkedVariant(master);
    expect(marked).toMatchObject({ kind: "watermarked_video", sourceId: master.id, width: 1280, height: 720 });
    const [clean, withMark] = await Promise.all([frame(master.storageKey), frame(marked.storageKey)]);
    const corner = difference(clean, withMark, 1280, { x: 1280 - 330, y: 720 - 70, w: 300, h: 40 });
    const elsewhere = difference(clean, withMark, 1280, { x: 40, y: 40, w: 600, h: 300 });
    expect(corner).toBeGreaterThan(25);
    expect(elsewhere).toBeLessThan(3);
    // Made once: asking again returns the same copy.
    expect((await watermarkedVariant(master)).id).toBe(marked.id);
  }, CEILING.render);

  it("are made once for parallel media requests, in this process and another", async () => {
    const user = await createTestUser("free");
    const master = await masterVideo(user.id, 320, 180);
    // A fresh copy of the module: its own in-process bookkeeping, as another web server has; only the database lock is shared.
    vi.resetModules();
    const otherProcess = await import("./variants");
    const before = encodes.count;
    const request = async () => {
      const response = await media(await authedRequest(`/api/media/${master.id}`, user.id), { params: Promise.resolve({ id: master.id }) });
      await response.body?.cancel();
      return response;
    };
    const [responses, fromOther] = await Promise.all([
      Promise.all(Array.from({ length: 6 }, request)),
      Promise.all(Array.from({ length: 3 }, () => otherProcess.watermarkedVariant(master))),
    ]);
    expect(encodes.count - before).toBe(1);
    const variant = await db().asset.findFirstOrThrow({ where: { sourceId: master.id, kind: "watermarked_video" } });
    expect(responses.map((r) => [r.status, r.headers.get("etag")])).toEqual(Array(6).fill([200, `"${variant.checksum}"`]));
    expect(fromOther.map((a) => a.id)).toEqual(Array(3).fill(variant.id));
    expect(await db().asset.count({ where: { sourceId: master.id } })).toBe(1);
  }, CEILING.render);

  it("are what a free plan is served; a paid plan gets the clean master, old videos included", async () => {
    const user = await createTestUser("free");
    const master = await masterVideo(user.id);
    expect((await assetToServe("free", master)).kind).toBe("watermarked_video");
    expect((await assetToServe("standard", master)).id).toBe(master.id);

    const free = await media(await authedRequest(`/api/media/${master.id}`, user.id), { params: Promise.resolve({ id: master.id }) });
    const variant = await db().asset.findFirstOrThrow({ where: { sourceId: master.id, kind: "watermarked_video" } });
    expect(free.headers.get("etag")).toBe(`"${variant.checksum}"`);
    await free.body?.cancel();

    await db().user.update({ where: { id: user.id }, data: { plan: "standard" } });
    forgetSessionUser(user.id); // as the billing path does: its own next request sees the plan at once
    const paid = await media(await authedRequest(`/api/media/${master.id}?download=1`, user.id), { params: Promise.resolve({ id: master.id }) });
    expect(paid.headers.get("etag")).toBe(`"${master.checksum}"`);
    expect(Number(paid.headers.get("content-length"))).toBe(master.size);
    await paid.body?.cancel();
  }, CEILING.render);
});

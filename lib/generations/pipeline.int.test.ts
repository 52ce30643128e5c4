import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CEILING } from "@/tests/support/ceilings";
import { probeAsset, userWithCredits, waitForEnd } from "@/tests/support/generations";
import { encodeImage, pngHeader } from "@/tests/support/images";
import { atRenderQuality } from "@/tests/support/render-quality";
import { until } from "@/tests/support/wait";
import { startWorkerProcess } from "@/tests/support/worker-process";
import { captureLogs } from "../log";
import { creditBalance } from "../credits/ledger";
import { db } from "../db/client";
import { storage } from "../storage";
import { storeUploadedImage } from "../storage/assets";
import { generationRequestSchema, type GenerationRequestInput } from "../validation/generation";
import { startWorker, stopWorker } from "../worker/start";
import { submitGeneration } from "./submit";
import { sweepStuckGenerations } from "./sweeper";
import { STALE_AFTER_MS } from "./transitions";

const require = createRequire(import.meta.url);
const ffmpeg = (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;

async function submit(user: Awaited<ReturnType<typeof userWithCredits>>, input: GenerationRequestInput) {
  const { generations } = await submitGeneration(user, generationRequestSchema.parse(input));
  return generations.map((g) => g.id);
}

afterAll(() => stopWorker());

describe("the generation pipeline, end to end on the real queue and ffmpeg", () => {
  beforeAll(() => startWorker({ schedules: false }));

  // Full size is the image-to-video test below (and each mode in the engine's tests); this one is about
  // the pipeline around a render, at the preview quality.
  it("renders a text-to-video job to a playable MP4 matching the request, with a poster", async () => {
    const user = await userWithCredits("free");
    const g = await atRenderQuality("preview", async () => {
      const [id] = await submit(user, { kind: "text_to_video", prompt: "sunset over a calm ocean", aspectRatio: "9:16", cameraControl: { type: "axis", axis: "tilt", value: -4 } });
      return waitForEnd(id!);
    });
    expect(g).toMatchObject({ status: "succeeded", progress: 100, width: 180, height: 320, fps: 12, outputDurationMs: 5000 });
    expect(g.startedAt!.getTime()).toBeGreaterThanOrEqual(g.createdAt.getTime());
    expect(g.finishedAt!.getTime()).toBeGreaterThan(g.startedAt!.getTime());
    const probe = await probeAsset(g.outputVideoId!);
    const video = probe.streams.find((s) => s.codec_type === "video")!;
    expect(video).toMatchObject({ codec_name: "h264", width: 180, height: 320, pix_fmt: "yuv420p", r_frame_rate: "12/1", nb_frames: "60" });
    expect(Number(probe.format.duration)).toBeCloseTo(5, 1);
    const poster = await db().asset.findUniqueOrThrow({ where: { id: g.thumbnailId! } });
    expect(poster).toMatchObject({ kind: "poster", mime: "image/jpeg", width: 180, height: 320 });
  }, CEILING.render);

  // The one full-size render of this file, at the default quality.
  it("renders an image-to-video job at 1080p 30 fps following the image's shape, with audio", async () => {
    const user = await userWithCredits("standard");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "i2v-")), "start.png");
    execFileSync(ffmpeg, ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1200x900", "-frames:v", "1", file]);
    const { asset } = await storeUploadedImage(user.id, readFileSync(file));
    const [id] = await submit(user, { kind: "image_to_video", startImageId: asset.id, mode: "professional", audio: true, cameraControl: { type: "master", shot: "forward_up" } });
    const g = await waitForEnd(id!);
    expect(g).toMatchObject({ status: "succeeded", width: 1440, height: 1080, fps: 30 });
    const probe = await probeAsset(g.outputVideoId!);
    expect(probe.streams.find((s) => s.codec_type === "video")).toMatchObject({ width: 1440, height: 1080, r_frame_rate: "30/1", nb_frames: "150" });
    expect(probe.streams.some((s) => s.codec_type === "audio")).toBe(true);
  }, CEILING.render);

  // Every axis through the whole pipeline; the geometry of each mode at full size is asserted above
  // (and frame by frame in the engine's tests), so these render at the preview quality.
  it("renders every camera axis in both directions, T2V and I2V, at the size, rate and length asked", async () => {
    await atRenderQuality("preview", async () => {
      const user = await userWithCredits("standard");
      const file = path.join(mkdtempSync(path.join(tmpdir(), "axes-")), "start.jpg");
      execFileSync(ffmpeg, ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=960x1280", "-frames:v", "1", file]);
      const { asset } = await storeUploadedImage(user.id, readFileSync(file));
      const axes = ["horizontal", "vertical", "zoom", "pan", "tilt", "roll"] as const;
      const cases: { input: GenerationRequestInput; width: number; height: number }[] = [
        ...axes.flatMap((axis) =>
          [-7, 7].map((value) => ({
            input: { kind: "image_to_video", startImageId: asset.id, cameraControl: { type: "axis", axis, value } } as GenerationRequestInput,
            width: 180,
            height: 240,
          })),
        ),
        ...axes.map((axis, i) => ({
          input: { kind: "text_to_video", prompt: `a ${axis} shot of a desert at noon`, aspectRatio: "1:1", cameraControl: { type: "axis", axis, value: i % 2 ? 4 : -4 } } as GenerationRequestInput,
          width: 180,
          height: 180,
        })),
        {
          input: { kind: "text_to_video", prompt: "snowy mountains at dawn", mode: "professional", cameraControl: { type: "master", shot: "down_back" } },
          width: 320,
          height: 180,
        },
      ];
      const ids = [];
      for (const c of cases) ids.push((await submit(user, c.input))[0]!);
      for (const [i, c] of cases.entries()) {
        const g = await waitForEnd(ids[i]!);
        const label = JSON.stringify(c.input.cameraControl);
        expect(g.status, label).toBe("succeeded");
        const probe = await probeAsset(g.outputVideoId!);
        const video = probe.streams.find((s) => s.codec_type === "video")!;
        expect({ width: video.width, height: video.height, rate: video.r_frame_rate, frames: video.nb_frames }, label).toEqual({
          width: c.width,
          height: c.height,
          rate: "12/1",
          frames: "60",
        });
        expect(Number(probe.format.duration), label).toBeCloseTo(5, 1);
      }
    });
  }, CEILING.suite);

  it("fails a job its engine cannot run, with the reason, and refunds it exactly once", async () => {
    const user = await userWithCredits("free");
    const before = await creditBalance(user.id);
    const [id] = await submit(user, { kind: "text_to_video", prompt: "a quiet street" });
    await db().generation.update({ where: { id: id! }, data: { provider: "no-such-engine" } });
    const g = await waitForEnd(id!);
    expect(g.status).toBe("failed");
    expect(g.error).toMatch(/no-such-engine/);
    expect(g.error).toMatch(/Your 10 credits were refunded\./);
    expect(await creditBalance(user.id)).toBe(before);
    expect(await db().creditEntry.count({ where: { ref: id!, reason: "refund" } })).toBe(1);
  }, CEILING.render);

  it("fails a render ffmpeg cannot make with a short reason, logging ffmpeg's own words with the job id", async () => {
    const user = await userWithCredits("free");
    const { asset } = await storeUploadedImage(user.id, encodeImage("png", 640, 360));
    // The stored object damaged after its upload was checked: ffmpeg cannot decode it.
    await storage().putBuffer(asset.storageKey, pngHeader(640, 360), "image/png");
    const lines: string[] = [];
    const stopCapture = captureLogs(lines);
    try {
      const [id] = await submit(user, { kind: "image_to_video", startImageId: asset.id });
      const g = await waitForEnd(id!);
      expect(g).toMatchObject({ status: "failed", error: "The renderer could not make this video from its inputs. Your 10 credits were refunded." });
      const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged).toContainEqual(expect.objectContaining({ level: "error", jobId: id, attempt: 1, detail: expect.stringMatching(/^ffmpeg failed \(exit \d+\): .+/) }));
    } finally {
      stopCapture();
    }
  }, CEILING.render);
});

describe("a worker process killed mid-render", () => {
  it("loses nothing: the job is taken over and finishes, charged once, never refunded", async () => {
    await stopWorker();
    const user = await userWithCredits("standard");
    const [id] = await submit(user, { kind: "text_to_video", prompt: "storm clouds over wheat fields", mode: "professional", duration: 10 });

    const worker = await startWorkerProcess();
    await until("the worker process to start rendering", async () => (await db().generation.findUniqueOrThrow({ where: { id: id! } })).progress >= 5);
    worker.signal("SIGKILL"); // the whole process group: node and its ffmpeg

    const orphan = await db().generation.findUniqueOrThrow({ where: { id: id! } });
    expect(orphan.status).toBe("running");
    // As if a minute has passed without a heartbeat (only this job's row is touched).
    await db().generation.update({ where: { id: id! }, data: { heartbeatAt: new Date(Date.now() - STALE_AFTER_MS - 5_000) } });
    await sweepStuckGenerations();
    // The takeover proves the hand-over, not the size: it renders at the preview quality.
    const g = await atRenderQuality("preview", async () => {
      await startWorker({ schedules: false });
      return waitForEnd(id!);
    });
    expect(g).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(await db().creditEntry.count({ where: { ref: id!, reason: "spend" } })).toBe(1);
    expect(await db().creditEntry.count({ where: { ref: id!, reason: "refund" } })).toBe(0);
  }, CEILING.suite);
});

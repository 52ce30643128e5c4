import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeComfyui, type FakeComfyui } from "@/tests/support/fake-comfyui";
import { tempMediaDirPerFile } from "@/tests/support/media";
import { createTestUser } from "@/tests/support/users";
import { creditBalance, grantCredits } from "../../credits/ledger";
import { db } from "../../db/client";
import { cancelGeneration } from "../../generations/cancel";
import { SubmitError, submitGeneration } from "../../generations/submit";
import { storeUploadedImage } from "../../storage/assets";
import { generationRequestSchema, type GenerationRequestInput } from "../../validation/generation";
import { startWorker, stopWorker } from "../../worker/start";
import { FFMPEG_PATH } from "../ffmpeg/run";
import { CEILING } from "@/tests/support/ceilings";
import { until } from "@/tests/support/wait";

// The contract suite: jobs routed to comfyui (both modes) run through the real pipeline
// (database, pg-boss worker, ledger, local storage) against the fake ComfyUI server.

const FFPROBE_PATH: string = createRequire(import.meta.url)("@ffprobe-installer/ffprobe").path;
const mediaRoot = tempMediaDirPerFile();
let fake: FakeComfyui;

beforeAll(async () => {
  fake = await startFakeComfyui({ steps: 10, stepMs: 250 });
  vi.stubEnv("ENGINE_STANDARD", "comfyui");
  vi.stubEnv("ENGINE_PROFESSIONAL", "comfyui");
  vi.stubEnv("COMFYUI_URL", fake.url);
  vi.stubEnv("COMFYUI_RESTART_WAIT_SECONDS", "2");
  await startWorker({ schedules: false });
});
afterAll(async () => {
  await stopWorker();
  await fake.stop();
});

async function userWithCredits() {
  const user = await createTestUser("standard");
  await grantCredits({ userId: user.id, source: "promo", amount: 500, expiresAt: new Date("2099-01-01"), externalRef: `p-${user.id}` });
  return { id: user.id, email: user.email, name: null, plan: "standard" } as const;
}
type User = Awaited<ReturnType<typeof userWithCredits>>;

async function submit(user: User, input: GenerationRequestInput): Promise<string> {
  const { generations } = await submitGeneration(user, generationRequestSchema.parse(input));
  expect(generations[0]!.provider).toBe("comfyui");
  return generations[0]!.id;
}

/** Waits for the job to end, recording the progress values seen while it ran. */
async function waitForEnd(id: string, ceilingMs: number = CEILING.render) {
  const seen: number[] = [];
  const g = await until(
    `generation ${id} to end`,
    async () => {
      const row = await db().generation.findUniqueOrThrow({ where: { id } });
      if (row.status === "running") seen.push(row.progress);
      return ["succeeded", "failed", "canceled"].includes(row.status) && row;
    },
    ceilingMs,
  );
  return { g, seen };
}

async function ledgerFor(id: string) {
  const [spends, refunds] = await Promise.all([
    db().creditEntry.count({ where: { ref: id, reason: "spend" } }),
    db().creditEntry.count({ where: { ref: id, reason: "refund" } }),
  ]);
  return { spends, refunds };
}

function probeStored(storageKey: string) {
  const file = path.join(mediaRoot(), storageKey);
  return JSON.parse(execFileSync(FFPROBE_PATH, ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", "-count_frames", file], { encoding: "utf8" })) as {
    streams: Record<string, unknown>[];
    format: { duration: string; format_name: string };
  };
}

describe("the comfyui engine in the generation pipeline", () => {
  it("renders a text-to-video job: one submission, progress recorded, a playable H.264 MP4 stored locally", async () => {
    const user = await userWithCredits();
    const id = await submit(user, { kind: "text_to_video", prompt: "a lighthouse in a storm", aspectRatio: "9:16" });
    const { g, seen } = await waitForEnd(id);
    expect(g).toMatchObject({ status: "succeeded", progress: 100, attempts: 1, width: 480, height: 848, fps: 16, outputDurationMs: 5000, error: null });
    expect(seen.some((p) => p > 1 && p < 100)).toBe(true);
    expect(fake.acceptedFor(id)).toBe(1);
    expect(fake.submissions.find((s) => s.promptId === id)!.workflow["3"]!.inputs.seed).toBe(g.seed);

    const video = await db().asset.findUniqueOrThrow({ where: { id: g.outputVideoId! } });
    expect(video).toMatchObject({ kind: "video", mime: "video/mp4" });
    const probe = probeStored(video.storageKey);
    expect(probe.format.format_name).toMatch(/mp4/);
    expect(probe.streams[0]).toMatchObject({ codec_name: "h264", pix_fmt: "yuv420p", width: 480, height: 848, nb_read_frames: "80" });
    const poster = await db().asset.findUniqueOrThrow({ where: { id: g.thumbnailId! } });
    expect(poster).toMatchObject({ kind: "poster", mime: "image/jpeg" });
    expect(await ledgerFor(id)).toEqual({ spends: 1, refunds: 0 });
  });

  it("refuses at submit what the engine cannot do, charging nothing", async () => {
    const user = await userWithCredits();
    const before = await creditBalance(user.id);
    const error = await submit(user, { kind: "text_to_video", prompt: "a waterfall", audio: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmitError);
    expect(error).toMatchObject({ code: "unsupported", field: "audio", message: "The comfyui engine cannot add audio in standard mode. Turn audio off to continue." });
    expect(await creditBalance(user.id)).toBe(before);
  });

  it("renders an image-to-video job from the uploaded start frame", async () => {
    const user = await userWithCredits();
    const file = path.join(mkdtempSync(path.join(tmpdir(), "comfy-i2v-")), "start.jpg");
    execFileSync(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=900x1200", "-frames:v", "1", file]);
    const { asset } = await storeUploadedImage(user.id, readFileSync(file));
    const id = await submit(user, { kind: "image_to_video", startImageId: asset.id, prompt: "leaves fall" });
    const { g } = await waitForEnd(id);
    expect(g).toMatchObject({ status: "succeeded", width: 480, height: 640 });
    expect(fake.submissions.find((s) => s.promptId === id)!.workflow["52"]!.inputs.image).toMatch(/^reelsmith-.+\.jpg$/);
  });

  it("fails a job whose workflow ComfyUI refuses, with ComfyUI's reason, refunded exactly once and never retried", async () => {
    const user = await userWithCredits();
    const before = await creditBalance(user.id);
    fake.models.delete("wan_2.1_vae.safetensors");
    try {
      const id = await submit(user, { kind: "text_to_video", prompt: "a quiet lake" });
      const { g } = await waitForEnd(id);
      expect(g).toMatchObject({ status: "failed", attempts: 1, errorCode: "engine_failed" });
      expect(g.error).toMatch(/^ComfyUI refused the workflow: Prompt outputs failed validation; VAELoader \(node 39\): Value not in list: vae_name: 'wan_2\.1_vae\.safetensors'/);
      expect(g.error).toMatch(/Your \d+ credits were refunded\.$/);
      expect(fake.submissions.filter((s) => s.promptId === id)).toHaveLength(1);
      expect(await ledgerFor(id)).toEqual({ spends: 1, refunds: 1 });
      expect(await creditBalance(user.id)).toBe(before);
    } finally {
      fake.models.add("wan_2.1_vae.safetensors");
    }
  });

  it("fails a job whose run errors on the GPU, with the node and message, refunded exactly once", async () => {
    const user = await userWithCredits();
    const before = await creditBalance(user.id);
    fake.failNextRun({ nodeId: "3", nodeType: "KSampler", message: "CUDA out of memory." });
    const id = await submit(user, { kind: "text_to_video", prompt: "a crowded market" });
    const { g } = await waitForEnd(id);
    expect(g.status).toBe("failed");
    expect(g.error).toBe(`ComfyUI failed in KSampler (node 3): CUDA out of memory. Your ${g.cost} credits were refunded.`);
    expect(fake.acceptedFor(id)).toBe(1);
    expect(await ledgerFor(id)).toEqual({ spends: 1, refunds: 1 });
    expect(await creditBalance(user.id)).toBe(before);
  });

  it("completes a job whose server restarts mid-render: the lost prompt is submitted once more, never run twice at once", async () => {
    const user = await userWithCredits();
    const id = await submit(user, { kind: "text_to_video", prompt: "a train crossing a bridge" });
    await until("the run to start", () => fake.runningPrompt() === id);
    await fake.restart(800);
    const { g } = await waitForEnd(id);
    expect(g).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(fake.acceptedFor(id)).toBe(2);
    expect(fake.maxConcurrentRuns(id)).toBe(1);
    expect(await ledgerFor(id)).toEqual({ spends: 1, refunds: 0 });
  });

  it("retries a job whose server stays away past the restart wait, and completes it when the server is back", async () => {
    const user = await userWithCredits();
    const id = await submit(user, { kind: "text_to_video", prompt: "rain on a window" });
    await until("the run to start", () => fake.runningPrompt() === id);
    const outage = fake.restart(4_000);
    const { g } = await waitForEnd(id);
    await outage;
    expect(g).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(fake.acceptedFor(id)).toBe(2);
    expect(fake.maxConcurrentRuns(id)).toBe(1);
    expect(await ledgerFor(id)).toEqual({ spends: 1, refunds: 0 });
  }, CEILING.render);

  it("a cancelled job interrupts its run on the server and is refunded exactly once", async () => {
    const user = await userWithCredits();
    const before = await creditBalance(user.id);
    fake.hold(true);
    try {
      const id = await submit(user, { kind: "text_to_video", prompt: "a slow sunrise" });
      await until("the run to start", () => fake.runningPrompt() === id);
      expect((await cancelGeneration(user.id, id)).kind).toBe("canceled");
      await until("the interrupt", () => fake.interrupts.includes(id));
      await until("the run to stop", () => fake.runningPrompt() === undefined);
      const g = await db().generation.findUniqueOrThrow({ where: { id } });
      expect(g.status).toBe("canceled");
      expect(await ledgerFor(id)).toEqual({ spends: 1, refunds: 1 });
      expect(await creditBalance(user.id)).toBe(before);
    } finally {
      fake.hold(false);
    }
  });
});

import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeComfyui, type FakeComfyui } from "@/tests/support/fake-comfyui";
import { until } from "@/tests/support/wait";
import { generationRequestSchema, type GenerationRequestInput } from "../../validation/generation";
import { FFMPEG_PATH } from "../ffmpeg/run";
import { EngineError, type EngineJob } from "../types";
import { loadComfyuiConfig } from "./config";
import { ComfyuiEngine } from "./index";

// The engine alone against the fake server: real HTTP, websocket and ffmpeg, no database.

const FFPROBE_PATH: string = createRequire(import.meta.url)("@ffprobe-installer/ffprobe").path;
const exec = promisify(execFile);
let dir: string;
let fake: FakeComfyui;
let startImage: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "reelsmith-comfy-"));
  fake = await startFakeComfyui({ steps: 6, stepMs: 60 });
  startImage = path.join(dir, "start.png");
  await exec(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1200x900", "-frames:v", "1", startImage]);
});
afterAll(async () => {
  await fake.stop();
  await rm(dir, { recursive: true, force: true });
});

const engine = (restartWaitSeconds = 5, url = fake.url) =>
  new ComfyuiEngine(loadComfyuiConfig({ COMFYUI_URL: url, COMFYUI_RESTART_WAIT_SECONDS: String(restartWaitSeconds) }), { pollMs: 50 });

async function job(input: Partial<GenerationRequestInput> & { kind: GenerationRequestInput["kind"] }, extra: Partial<EngineJob> = {}) {
  const request = generationRequestSchema.parse(input.kind === "image_to_video" ? { startImageId: "start", ...input } : { prompt: "a fox in the snow", ...input });
  const workDir = path.join(dir, randomUUID());
  await mkdir(workDir);
  const progress: number[] = [];
  const j: EngineJob = {
    generationId: randomUUID(),
    request,
    seed: 1234,
    workDir,
    signal: new AbortController().signal,
    onProgress: async (p) => void progress.push(p),
    ...(input.kind === "image_to_video" ? { startImagePath: startImage } : {}),
    ...extra,
  };
  return { job: j, progress };
}

async function probe(file: string) {
  const { stdout } = await exec(FFPROBE_PATH, ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", "-count_frames", file]);
  return JSON.parse(stdout) as { streams: Record<string, unknown>[]; format: Record<string, string> };
}

describe("the comfyui engine against a ComfyUI server", () => {
  it("fills the workflow with typed values, follows progress and normalises the WebM to H.264 MP4 + poster", async () => {
    const { job: j, progress } = await job({ kind: "text_to_video", prompt: 'a "fox" in the snow', negativePrompt: "blur", cfgScale: 0.5 });
    const output = await engine().render(j);

    expect(fake.acceptedFor(j.generationId)).toBe(1);
    const sent = fake.submissions.find((s) => s.promptId === j.generationId)!.workflow;
    expect(sent["6"]!.inputs.text).toBe('a "fox" in the snow');
    expect(sent["7"]!.inputs.text).toBe("blur");
    expect(sent["3"]!.inputs).toMatchObject({ seed: 1234, cfg: 5.5 });
    expect(sent["40"]!.inputs).toMatchObject({ width: 848, height: 480, length: 81 });
    expect(sent["47"]!.inputs).toMatchObject({ fps: 16 });

    expect(output).toMatchObject({ width: 848, height: 480, fps: 16, durationMs: 5000, hasAudio: false });
    const { streams, format } = await probe(output.videoPath);
    expect(streams).toHaveLength(1);
    expect(streams[0]).toMatchObject({ codec_name: "h264", pix_fmt: "yuv420p", width: 848, height: 480, r_frame_rate: "16/1", nb_read_frames: "80" });
    expect(Number(format.duration)).toBeCloseTo(5, 1);
    expect((await probe(output.posterPath)).streams[0]).toMatchObject({ codec_name: "mjpeg", width: 848, height: 480 });

    // Sampling steps arrive over the websocket, between "queued" and "downloaded".
    expect(progress.some((p) => p > 2 && p < 90)).toBe(true);
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("uploads the start frame for image-to-video and follows its shape", async () => {
    const { job: j } = await job({ kind: "image_to_video", prompt: "the camera drifts", mode: "professional" });
    const output = await engine().render(j);
    const sent = fake.submissions.find((s) => s.promptId === j.generationId)!.workflow;
    expect(sent["52"]!.inputs.image).toBe(`reelsmith-${j.generationId}.png`);
    expect(sent["50"]!.inputs).toMatchObject({ width: 960, height: 720, length: 81 });
    expect(output).toMatchObject({ width: 960, height: 720 });
  });

  it("a second worker on the same generation follows the run already there instead of submitting again", async () => {
    const { job: first } = await job({ kind: "text_to_video" });
    const { job: second, progress: secondProgress } = await job({ kind: "text_to_video" }, { generationId: first.generationId });
    fake.hold(true);
    const one = engine().render(first);
    await until("the first run", () => fake.runningPrompt() === first.generationId);
    const two = engine().render(second);
    // The second worker reports progress once it has found the run and follows it.
    await until("the second worker to follow the run", () => secondProgress.length > 0);
    fake.hold(false);
    const [a, b] = await Promise.all([one, two]);
    expect(fake.acceptedFor(first.generationId)).toBe(1);
    expect(fake.maxConcurrentRuns(first.generationId)).toBe(1);
    expect(a.width).toBe(b.width);
  });

  it("survives a restart mid-run: waits for the server, then submits the lost prompt once more", async () => {
    const { job: j, progress } = await job({ kind: "text_to_video" });
    fake.hold(true);
    const render = engine().render(j);
    await until("the run", () => fake.runningPrompt() === j.generationId);
    fake.hold(false);
    await fake.restart(700);
    const output = await render;
    expect(fake.acceptedFor(j.generationId)).toBe(2);
    expect(fake.maxConcurrentRuns(j.generationId)).toBe(1);
    expect(output.width).toBe(848);
    expect(progress.at(-1)).toBe(100);
  });

  it("refuses a workflow ComfyUI rejects, permanently, with its node errors", async () => {
    const other = await startFakeComfyui({ models: ["some_other_model.safetensors"] });
    try {
      const { job: j } = await job({ kind: "text_to_video" });
      const error = await engine(5, other.url).render(j).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({ transient: false });
      expect((error as Error).message).toMatch(/^ComfyUI refused the workflow: Prompt outputs failed validation; UNETLoader \(node 37\): Value not in list: unet_name: 'wan2\.1_t2v_1\.3B_fp16\.safetensors' not in/);
      expect(other.submissions).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });

  it("reports an execution error in ComfyUI's words, permanently", async () => {
    fake.failNextRun({ nodeId: "3", nodeType: "KSampler", message: "CUDA out of memory. Tried to allocate 2.00 GiB" });
    const { job: j } = await job({ kind: "text_to_video" });
    const error = await engine().render(j).catch((e: unknown) => e);
    expect(error).toMatchObject({ transient: false, message: "ComfyUI failed in KSampler (node 3): CUDA out of memory. Tried to allocate 2.00 GiB" });
  });

  it("a cancelled job interrupts its own run on the server", async () => {
    const controller = new AbortController();
    const { job: j } = await job({ kind: "text_to_video" }, { signal: controller.signal });
    fake.hold(true);
    const render = engine().render(j);
    await until("the run", () => fake.runningPrompt() === j.generationId);
    controller.abort();
    await expect(render).rejects.toThrow();
    fake.hold(false);
    expect(fake.interrupts).toContain(j.generationId);
    await until("the interrupted run to end", () => fake.runningPrompt() === undefined);
  });

  it("a job cancelled while queued behind another is taken off the queue, leaving the running one alone", async () => {
    const { job: running } = await job({ kind: "text_to_video" });
    const controller = new AbortController();
    const { job: queued } = await job({ kind: "text_to_video" }, { signal: controller.signal });
    fake.hold(true);
    const first = engine().render(running);
    await until("the first run", () => fake.runningPrompt() === running.generationId);
    const second = engine().render(queued);
    await until("the second to queue", () => fake.pendingPrompts().includes(queued.generationId));
    controller.abort();
    await expect(second).rejects.toThrow();
    expect(fake.deleted).toEqual([queued.generationId]);
    expect(fake.interrupts).not.toContain(running.generationId);
    expect(fake.pendingPrompts()).toEqual([]);
    fake.hold(false);
    await first;
  });

  it("refuses a server that ignores our prompt id, and stops the run it started", async () => {
    const legacy = await startFakeComfyui({ ignoresPromptId: true, stepMs: 200 });
    try {
      const { job: j } = await job({ kind: "text_to_video" });
      const error = await engine(5, legacy.url).render(j).catch((e: unknown) => e);
      expect(error).toMatchObject({ transient: false, message: expect.stringMatching(/does not accept a prompt_id .* update ComfyUI\.$/) });
      const orphan = legacy.submissions[0]!.promptId;
      expect(orphan).not.toBe(j.generationId);
      expect(legacy.interrupts).toEqual([orphan]);
      await until("the orphan to stop", () => legacy.runningPrompt() === undefined);
    } finally {
      await legacy.stop();
    }
  });

  it("an unreachable server is a transient failure once the restart wait is over", async () => {
    const closed = await startFakeComfyui();
    const url = closed.url;
    await closed.stop();
    const { job: j } = await job({ kind: "text_to_video" });
    const started = Date.now();
    const error = await engine(0.3, url).render(j).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ transient: true });
    expect((error as Error).message).toMatch(/^ComfyUI at http:\/\/127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\)/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});

describe("reference placeholders", () => {
  it("upload each reference's picture (an element's frontal one) into {{reference_image_N}}", async () => {
    const t2v = JSON.parse(await readFile("lib/engines/comfyui/workflows/default-t2v.json", "utf8")) as { prompt: Record<string, unknown> };
    const template = { ...t2v, prompt: { ...t2v.prompt, r1: { class_type: "LoadImage", inputs: { image: "{{reference_image_1}}" } }, r2: { class_type: "LoadImage", inputs: { image: "{{reference_image_2}}" } } } };
    const file = path.join(dir, "refs-t2v.json");
    await writeFile(file, JSON.stringify(template));
    const withRefs = new ComfyuiEngine(loadComfyuiConfig({ COMFYUI_URL: fake.url, COMFYUI_WORKFLOW_T2V: file }), { pollMs: 50 });
    const { job: j } = await job(
      { kind: "text_to_video", prompt: "@Mira by the sea" },
      { references: [{ kind: "element", id: "e1", name: "Mira", description: "", tag: "character", frontalImagePath: startImage, imagePaths: [startImage] }, { kind: "image", imagePath: startImage }] },
    );
    await withRefs.render(j);
    const sent = fake.submissions.find((s) => s.promptId === j.generationId)!.workflow;
    expect(sent.r1!.inputs.image).toBe(`reelsmith-${j.generationId}-reference-1.png`);
    expect(sent.r2!.inputs.image).toBe(`reelsmith-${j.generationId}-reference-2.png`);
  });
});

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAMERA_AXES, generationRequestSchema, type GenerationRequestInput } from "../../validation/generation";
import { engineFor } from "../index";
import { EngineError, type EngineJob } from "../types";
import { FFMPEG_PATH, runFfmpeg } from "../ffmpeg/run";
import { imageSize } from "./geometry";
import { LocalEngine } from "./index";
import { CEILING } from "@/tests/support/ceilings";

// Real renders, probed with ffprobe. Most use a small frame (short side 144) for speed; each mode is
// also rendered once at its real size.

const FFPROBE_PATH: string = createRequire(import.meta.url)("@ffprobe-installer/ffprobe").path;
const exec = promisify(execFile);
let dir: string;
let gradient: string; // red = x, green = y: a frame's colours say where the camera looks
let bars: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "reelsmith-engine-"));
  gradient = path.join(dir, "gradient.png");
  bars = path.join(dir, "bars.png");
  await exec(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", "nullsrc=s=640x360,geq=r='X/W*255':g='Y/H*255':b=128", "-frames:v", "1", gradient]);
  await exec(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", "smptebars=s=1920x1080", "-frames:v", "1", bars]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let jobs = 0;
function job(input: Partial<GenerationRequestInput> & { kind: GenerationRequestInput["kind"] }, extra: Partial<EngineJob> = {}) {
  const request = generationRequestSchema.parse(
    input.kind === "image_to_video" ? { startImageId: "start", ...input } : { prompt: "a valley", ...input },
  );
  const progress: number[] = [];
  const workDir = path.join(dir, `job${++jobs}`);
  const value: EngineJob = {
    generationId: `g${jobs}`,
    request,
    seed: 5,
    workDir,
    signal: new AbortController().signal,
    onProgress: async (p) => void progress.push(p),
    ...extra,
  };
  return { job: value, progress };
}
async function render(engine: LocalEngine, input: Parameters<typeof job>[0], extra: Partial<EngineJob> = {}) {
  const made = job(input, extra);
  await exec("mkdir", ["-p", made.job.workDir]);
  const output = await engine.render(made.job);
  return { ...made, output };
}

type Probe = {
  streams: { codec_type: string; codec_name: string; width?: number; height?: number; pix_fmt?: string; r_frame_rate: string; nb_frames: string; duration: string }[];
  format: { duration: string };
};
async function probe(file: string): Promise<Probe> {
  const { stdout } = await exec(FFPROBE_PATH, ["-v", "error", "-show_streams", "-show_format", "-of", "json", file]);
  return JSON.parse(stdout);
}
/** Frames `indexes` of a video as RGB24 bytes. */
async function frames(file: string, indexes: number[], width: number, height: number): Promise<Buffer[]> {
  const select = indexes.map((n) => `eq(n,${n})`).join("+");
  const { stdout } = await exec(FFMPEG_PATH, ["-v", "error", "-i", file, "-vf", `select='${select}'`, "-vsync", "0", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], {
    encoding: "buffer",
    maxBuffer: 1 << 28,
  });
  const size = width * height * 3;
  return indexes.map((_, i) => stdout.subarray(i * size, (i + 1) * size));
}
/** Mean colour of a 5×5 patch around (x, y) given as fractions of the frame. */
function sample(frame: Buffer, width: number, height: number, fx: number, fy: number): [number, number, number] {
  const sum = [0, 0, 0];
  const cx = Math.round(fx * (width - 1));
  const cy = Math.round(fy * (height - 1));
  for (let y = cy - 2; y <= cy + 2; y++)
    for (let x = cx - 2; x <= cx + 2; x++)
      for (let k = 0; k < 3; k++) sum[k]! += frame[(Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))) * 3 + k]!;
  return sum.map((s) => s / 25) as [number, number, number];
}
const sha = async (file: string) => createHash("sha256").update(await readFile(file)).digest("hex");

const small = new LocalEngine({ shortSide: 144 });

describe("local engine: real sizes", () => {
  it("text-to-video, standard: 1280×720 H.264 yuv420p, 24 fps, exactly 120 frames, faststart, poster, ambient audio", async () => {
    const { output, progress } = await render(new LocalEngine(), { kind: "text_to_video", prompt: "snowy mountains at sunset", audio: true });
    expect(output).toMatchObject({ width: 1280, height: 720, fps: 24, durationMs: 5000, hasAudio: true });
    const { streams, format } = await probe(output.videoPath);
    const video = streams.find((s) => s.codec_type === "video")!;
    expect(video).toMatchObject({ codec_name: "h264", width: 1280, height: 720, pix_fmt: "yuv420p", r_frame_rate: "24/1", nb_frames: "120" });
    expect(Number(video.duration)).toBeCloseTo(5, 3);
    expect(Number(format.duration)).toBeCloseTo(5, 1);
    const audio = streams.find((s) => s.codec_type === "audio")!;
    expect(audio.codec_name).toBe("aac");
    expect(Number(audio.duration)).toBeGreaterThan(4.9);
    const bytes = await readFile(output.videoPath);
    expect(bytes.indexOf("moov")).toBeLessThan(bytes.indexOf("mdat")); // faststart
    expect(await imageSize(output.posterPath)).toEqual({ width: 1280, height: 720 });
    // Progress: from ffmpeg's own reports, increasing, ending at 100.
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
    expect(progress.at(-1)).toBe(100);
  }, CEILING.render);

  it("image-to-video, professional: 1920×1080 at 30 fps, and with an end image the clip ends on it", async () => {
    const { output } = await render(new LocalEngine(), { kind: "image_to_video", mode: "professional" }, { startImagePath: gradient, endImagePath: bars });
    const video = (await probe(output.videoPath)).streams.find((s) => s.codec_type === "video")!;
    expect(video).toMatchObject({ width: 1920, height: 1080, r_frame_rate: "30/1", nb_frames: "150", pix_fmt: "yuv420p" });
    expect((await probe(output.videoPath)).streams.some((s) => s.codec_type === "audio")).toBe(false);
    const [first, last] = await frames(output.videoPath, [0, 149], 1920, 1080);
    // First frame: the gradient (start image); last: the colour bars (end image), untouched framing.
    expect(sample(first!, 1920, 1080, 0.5, 0.5)[2]).toBeCloseTo(128, -1);
    expect(sample(last!, 1920, 1080, 0.07, 0.3)).toEqual([expect.closeTo(191, -1), expect.closeTo(191, -1), expect.closeTo(191, -1)]);
    expect(sample(last!, 1920, 1080, 0.93, 0.3)).toEqual([expect.closeTo(0, -1), expect.closeTo(0, -1), expect.closeTo(191, -1)]);
  }, CEILING.render);
});

describe("local engine: the camera on a real image", () => {
  // A gradient image: red grows left → right, green top → bottom. Measured on the last frame
  // against the first: what a positive value must increase (a negative one, decrease).
  const growsWhenPositive: Record<(typeof CAMERA_AXES)[number], (a: Buffer, b: Buffer) => number> = {
    horizontal: (a, b) => sample(b, 256, 144, 0.5, 0.5)[0] - sample(a, 256, 144, 0.5, 0.5)[0],
    vertical: (a, b) => sample(a, 256, 144, 0.5, 0.5)[1] - sample(b, 256, 144, 0.5, 0.5)[1],
    zoom: (a, b) => spread(b) - spread(a),
    pan: (a, b) => sample(b, 256, 144, 0.5, 0.5)[0] - sample(a, 256, 144, 0.5, 0.5)[0],
    tilt: (a, b) => sample(a, 256, 144, 0.5, 0.5)[1] - sample(b, 256, 144, 0.5, 0.5)[1],
    // A clockwise camera roll: the frame's right edge looks lower in the picture than its left.
    roll: (a, b) => tiltOf(b) - tiltOf(a),
  };
  const spread = (f: Buffer) => sample(f, 256, 144, 0.9, 0.5)[0] - sample(f, 256, 144, 0.1, 0.5)[0];
  const tiltOf = (f: Buffer) => sample(f, 256, 144, 0.9, 0.5)[1] - sample(f, 256, 144, 0.1, 0.5)[1];

  for (const axis of CAMERA_AXES)
    it(`${axis}: both signs move the picture the right way`, async () => {
      const moved: number[] = [];
      for (const value of [6, -6]) {
        const { output } = await render(small, { kind: "image_to_video", cameraControl: { type: "axis", axis, value }, cfgScale: 1 }, { startImagePath: gradient });
        expect(output).toMatchObject({ width: 256, height: 144 });
        const [a, b] = await frames(output.videoPath, [0, 119], 256, 144);
        moved.push(growsWhenPositive[axis](a!, b!));
      }
      expect(moved[0]).toBeGreaterThan(4);
      expect(moved[1]).toBeLessThan(-4);
    });

  it("runs the master shots", async () => {
    const { output } = await render(small, { kind: "image_to_video", cameraControl: { type: "master", shot: "left_turn_forward" } }, { startImagePath: gradient });
    const [a, b] = await frames(output.videoPath, [0, 119], 256, 144);
    expect(sample(b!, 256, 144, 0.5, 0.5)[0]).toBeLessThan(sample(a!, 256, 144, 0.5, 0.5)[0] - 4);
  });

  it("follows a portrait image's aspect", async () => {
    const portrait = path.join(dir, "portrait.png");
    await exec(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=600x1000", "-frames:v", "1", portrait]);
    const { output } = await render(small, { kind: "image_to_video" }, { startImagePath: portrait });
    expect((await probe(output.videoPath)).streams[0]).toMatchObject({ width: 144, height: 240 });
  });
});

describe("local engine: determinism and prompts", () => {
  it("renders the same bytes for the same job, other pictures for other prompts, and moves", async () => {
    const input = { kind: "text_to_video", prompt: "a foggy forest lake at dawn", audio: true } as const;
    const one = await render(small, input);
    const two = await render(small, input);
    expect(await sha(one.output.videoPath)).toBe(await sha(two.output.videoPath));
    expect(await sha(one.output.posterPath)).toBe(await sha(two.output.posterPath));
    const other = await render(small, { kind: "text_to_video", prompt: "neon city at night in the rain" });
    const [a, b] = await frames(one.output.videoPath, [0, 119], 256, 144);
    const [c] = await frames(other.output.videoPath, [0], 256, 144);
    const difference = (x: Buffer, y: Buffer) => x.reduce((sum, v, i) => sum + Math.abs(v - y[i]!), 0) / x.length;
    expect(difference(a!, c!)).toBeGreaterThan(20); // a different scene
    expect(difference(a!, b!)).toBeGreaterThan(2); // a moving picture
  });

  it("adds handheld motion at low relevance only", async () => {
    const strictRender = await render(small, { kind: "image_to_video", cfgScale: 1 }, { startImagePath: gradient });
    const looseRender = await render(small, { kind: "image_to_video", cfgScale: 0 }, { startImagePath: gradient });
    expect(await sha(looseRender.output.videoPath)).not.toBe(await sha(strictRender.output.videoPath));
  });
});

describe("local engine: stopping", () => {
  it("kills ffmpeg and throws when the job is aborted", async () => {
    const controller = new AbortController();
    const made = job({ kind: "text_to_video", mode: "professional", duration: 10 }, {
      signal: controller.signal,
      onProgress: async () => controller.abort(),
    });
    await exec("mkdir", ["-p", made.job.workDir]);
    await expect(new LocalEngine().render(made.job)).rejects.toMatchObject({ name: "AbortError" });
    // Killed on its first progress report: no finished video (its index is written last) was left behind.
    expect(await probe(path.join(made.job.workDir, "video.mp4")).catch(() => null)).toBeNull();
  });

  it("stops and rethrows when recording progress fails", async () => {
    const made = job({ kind: "image_to_video", duration: 10 }, { startImagePath: gradient, onProgress: async () => Promise.reject(new Error("canceled")) });
    await exec("mkdir", ["-p", made.job.workDir]);
    await expect(small.render(made.job)).rejects.toThrow("canceled");
  });

  it("reports ffmpeg failures as engine errors, and a missing start image", async () => {
    const failing = runFfmpeg(["-f", "lavfi", "-i", "nosuchsource", "-f", "null", "-"], {
      totalFrames: 1,
      signal: new AbortController().signal,
      onProgress: async () => {},
    });
    await expect(failing).rejects.toMatchObject({ transient: false, code: "engine_failed" });
    await expect(small.render(job({ kind: "image_to_video" }).job)).rejects.toBeInstanceOf(EngineError);
  });
});

describe("engineFor", () => {
  it("returns the local engine and refuses unknown ids", () => {
    expect(engineFor("local").id).toBe("local");
    expect(() => engineFor("sora")).toThrow(expect.objectContaining({ transient: false, message: expect.stringContaining("sora") }));
  });
});

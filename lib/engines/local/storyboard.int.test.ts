import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CEILING } from "@/tests/support/ceilings";
import { generationRequestSchema, type GenerationRequestInput } from "../../validation/generation";
import { FFMPEG_PATH } from "../ffmpeg/run";
import type { EngineJob } from "../types";
import { LocalEngine } from "./index";

// Real storyboard renders at a small size, probed with ffprobe and measured frame by frame.

const FFPROBE_PATH: string = createRequire(import.meta.url)("@ffprobe-installer/ffprobe").path;
const exec = promisify(execFile);
const FPS = 12;
const engine = new LocalEngine({ shortSide: 72, fps: FPS });
let dir: string;
let gradient: string;
let bars: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "reelsmith-storyboard-"));
  gradient = path.join(dir, "gradient.png");
  bars = path.join(dir, "bars.png");
  await exec(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", "nullsrc=s=640x360,geq=r='X/W*255':g='Y/H*255':b=128", "-frames:v", "1", gradient]);
  await exec(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", "smptebars=s=640x360", "-frames:v", "1", bars]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let jobs = 0;
async function render(input: GenerationRequestInput, extra: Partial<EngineJob> = {}) {
  const workDir = path.join(dir, `job${++jobs}`);
  await mkdir(workDir, { recursive: true });
  const progress: number[] = [];
  const output = await engine.render({
    generationId: `g${jobs}`,
    request: generationRequestSchema.parse(input),
    seed: 11,
    workDir,
    signal: new AbortController().signal,
    onProgress: async (p) => void progress.push(p),
    ...extra,
  });
  return { output, progress };
}

async function probe(file: string) {
  const { stdout } = await exec(FFPROBE_PATH, ["-v", "error", "-count_frames", "-show_streams", "-show_format", "-of", "json", file]);
  return JSON.parse(stdout) as { streams: { codec_type: string; nb_read_frames?: string; nb_frames: string; duration: string; r_frame_rate: string }[]; format: { duration: string } };
}

/** Every frame, as small grey pictures. */
async function greyFrames(file: string, width = 32, height = 18): Promise<Buffer[]> {
  const { stdout } = await exec(FFMPEG_PATH, ["-v", "error", "-i", file, "-vf", `scale=${width}:${height}`, "-f", "rawvideo", "-pix_fmt", "gray", "-"], { encoding: "buffer", maxBuffer: 1 << 26 });
  const size = width * height;
  return Array.from({ length: stdout.length / size }, (_, i) => stdout.subarray(i * size, (i + 1) * size));
}

/** Mean absolute difference between frame n-1 and frame n, for every n ≥ 1 (index n). */
function changes(frames: Buffer[]): number[] {
  return frames.map((frame, n) => (n === 0 ? 0 : frame.reduce((sum, v, i) => sum + Math.abs(v - frames[n - 1]![i]!), 0) / frame.length));
}

const threeShots: GenerationRequestInput = {
  kind: "text_to_video",
  duration: 15,
  audio: true,
  shots: [
    { prompt: "a harbour on the sea at dawn", duration: 4 },
    { prompt: "a snowy pine forest", duration: 5, cameraControl: { type: "axis", axis: "pan", value: 4 } },
    { prompt: "red desert dunes", duration: 6, cameraControl: { type: "master", shot: "forward_up" } },
  ],
};

describe("local engine: storyboards", () => {
  it("renders 4 + 5 + 6 s as one MP4 of exactly 15 × fps frames, cut exactly at the shot boundaries, under one audio bed", async () => {
    const { output, progress } = await render(threeShots);
    expect(output).toMatchObject({ fps: FPS, durationMs: 15_000, hasAudio: true, width: 128, height: 72 });
    const { streams } = await probe(output.videoPath);
    const video = streams.find((s) => s.codec_type === "video")!;
    expect(video).toMatchObject({ nb_read_frames: String(15 * FPS), r_frame_rate: `${FPS}/1` });
    expect(Number(video.duration)).toBeCloseTo(15, 2);
    const audio = streams.find((s) => s.codec_type === "audio")!;
    expect(Number(audio.duration)).toBeCloseTo(15, 0);

    const change = changes(await greyFrames(output.videoPath));
    const cuts = [4 * FPS, 9 * FPS];
    const inside = Math.max(...change.filter((_, n) => n > 0 && !cuts.includes(n)));
    for (const cut of cuts) expect(change[cut], `frame ${cut}`).toBeGreaterThan(3 * inside);

    // Progress spans the whole storyboard: increasing, through each shot's share, 100 once joined.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.some((p) => p > 30 && p < 60)).toBe(true);
    expect(progress.filter((p) => p === 100)).toHaveLength(1);
    expect(progress.at(-1)).toBe(100);
  }, CEILING.render);

  it("opens an image-to-video storyboard on the start frame and closes it on the end frame", async () => {
    const { output } = await render(
      { kind: "image_to_video", startImageId: "s", endImageId: "e", duration: 6, shots: [{ prompt: "look around", duration: 3, cameraControl: { type: "axis", axis: "zoom", value: 5 } }, { prompt: "settle", duration: 3 }] },
      { startImagePath: gradient, endImagePath: bars },
    );
    const frames = await greyFrames(output.videoPath, 64, 36);
    expect(frames).toHaveLength(6 * FPS);
    const { stdout: start } = await exec(FFMPEG_PATH, ["-v", "error", "-i", gradient, "-vf", "scale=64:36", "-f", "rawvideo", "-pix_fmt", "gray", "-"], { encoding: "buffer" });
    const { stdout: end } = await exec(FFMPEG_PATH, ["-v", "error", "-i", bars, "-vf", "scale=64:36", "-f", "rawvideo", "-pix_fmt", "gray", "-"], { encoding: "buffer" });
    const distance = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;
    // Grey levels 0–255: the start image and the bars are ~90 apart; the first and last frames are
    // within a few levels of them (scaling and colour conversion).
    expect(distance(frames[0]!, start)).toBeLessThan(10);
    expect(distance(frames[0]!, end)).toBeGreaterThan(60);
    expect(distance(frames.at(-1)!, end)).toBeLessThan(10);
  }, CEILING.render);
});

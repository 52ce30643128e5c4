import "server-only";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { runFfmpeg } from "./ffmpeg/run";
import { outputArgs, POSTER_TAP } from "./local/graph";
import { EngineError, type EngineOutput } from "./types";

/**
 * A remote engine's video, whatever its encoding, re-encoded to the EngineOutput contract (H.264
 * yuv420p, faststart, even sides) with a JPEG poster of its first frame, using the local engine's
 * output settings so every engine's files look alike to the player and the gallery.
 */

const FFPROBE_PATH: string = createRequire(import.meta.url)("@ffprobe-installer/ffprobe").path;

type Probe = { width: number; height: number; fps: number; durationMs: number; hasAudio: boolean };

type FfprobeJson = {
  streams?: { codec_type: string; width?: number; height?: number; avg_frame_rate?: string; r_frame_rate?: string }[];
  format?: { duration?: string };
};

const rate = (fraction: string | undefined) => {
  const [num, den] = (fraction ?? "0/1").split("/").map(Number);
  return den ? num! / den : 0;
};

async function probeVideo(file: string): Promise<Probe> {
  let json: FfprobeJson;
  try {
    const { stdout } = await promisify(execFile)(FFPROBE_PATH, ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", file]);
    json = JSON.parse(stdout) as FfprobeJson;
  } catch {
    throw new EngineError("The video the engine returned is not a readable video file.", false);
  }
  const video = json.streams?.find((s) => s.codec_type === "video");
  const durationMs = Math.round(Number(json.format?.duration ?? 0) * 1000);
  if (!video?.width || !video.height || !(durationMs > 0)) throw new EngineError("The video the engine returned has no picture.", false);
  const fps = rate(video.avg_frame_rate) || rate(video.r_frame_rate) || 24;
  return { width: video.width, height: video.height, fps: Math.round(fps * 1000) / 1000, durationMs, hasAudio: Boolean(json.streams?.some((s) => s.codec_type === "audio")) };
}

export async function normaliseVideo(input: string, workDir: string, job: { signal: AbortSignal; onProgress(percent: number): Promise<void> }): Promise<EngineOutput> {
  const source = await probeVideo(input);
  const even = (n: number) => 2 * Math.floor(n / 2);
  const clip = { width: even(source.width), height: even(source.height), fps: source.fps, frames: Math.ceil((source.durationMs / 1000) * source.fps) };
  const graph = [`[0:v]scale=${clip.width}:${clip.height}[v]`, POSTER_TAP, ...(source.hasAudio ? ["[0:a]aresample=async=1[audio]"] : [])].join(";");
  const output = { videoPath: path.join(workDir, "video.mp4"), posterPath: path.join(workDir, "poster.jpg") };
  await runFfmpeg(["-i", input, "-filter_complex", graph, ...outputArgs({ ...output, clip, audio: source.hasAudio })], {
    totalFrames: clip.frames,
    signal: job.signal,
    onProgress: job.onProgress,
  });
  const result = await probeVideo(output.videoPath);
  return { ...output, ...result };
}

import "server-only";
import { copyFile } from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { runFfmpeg } from "./ffmpeg/run";
import type { Engine, EngineJob, EngineOutput } from "./types";

/**
 * A benchmark engine: every job takes the same fixed time and yields the same tiny clip, so
 * bench:scale measures the queue, the database and the workers, not ffmpeg. A worker uses it for
 * every job only when BENCH_FIXED_ENGINE_MS is set, which a production process refuses (below).
 */

const WIDTH = 64;
const HEIGHT = 36;

let clip: Promise<{ video: string; poster: string }> | undefined;

function tinyClip(): Promise<{ video: string; poster: string }> {
  clip ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "reelsmith-fixed-"));
    const video = path.join(dir, "clip.mp4");
    const poster = path.join(dir, "poster.jpg");
    const signal = new AbortController().signal;
    const source = ["-f", "lavfi", "-i", `color=c=gray:s=${WIDTH}x${HEIGHT}:r=24:d=0.25`];
    await runFfmpeg([...source, "-pix_fmt", "yuv420p", "-c:v", "libx264", "-movflags", "+faststart", "-y", video], { totalFrames: 6, signal, onProgress: async () => {} });
    await runFfmpeg([...source, "-frames:v", "1", "-y", poster], { totalFrames: 1, signal, onProgress: async () => {} });
    return { video, poster };
  })();
  return clip;
}

export class FixedTimeEngine implements Engine {
  readonly id = "fixed-time";
  constructor(private readonly ms: number) {}

  async render(job: EngineJob): Promise<EngineOutput> {
    const { video, poster } = await tinyClip();
    await sleep(this.ms, undefined, { signal: job.signal });
    const videoPath = path.join(job.workDir, "out.mp4");
    const posterPath = path.join(job.workDir, "poster.jpg");
    await Promise.all([copyFile(video, videoPath), copyFile(poster, posterPath)]);
    return { videoPath, posterPath, width: WIDTH, height: HEIGHT, fps: 24, durationMs: 250, hasAudio: false };
  }
}

/**
 * The benchmark's engine when BENCH_FIXED_ENGINE_MS asks for one, else null. Throws in a
 * production process, so a stray variable can never turn paid jobs into grey clips.
 */
export function benchEngineFromEnv(env: Record<string, string | undefined> = process.env): FixedTimeEngine | null {
  const raw = env.BENCH_FIXED_ENGINE_MS;
  if (raw === undefined || raw === "") return null;
  if (env.NODE_ENV === "production") throw new Error("BENCH_FIXED_ENGINE_MS is for benchmarks only and cannot be set in production (NODE_ENV=production).");
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`BENCH_FIXED_ENGINE_MS must be a number of milliseconds, not "${raw}".`);
  return new FixedTimeEngine(ms);
}

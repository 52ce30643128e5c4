import "server-only";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { runFfmpeg } from "../ffmpeg/run";
import type { EngineJob, EngineOutput } from "../types";
import { ambienceGraph } from "./audio";
import { describeScene, namedLook, type Scene } from "./scene";

/**
 * A storyboard on the local engine: each shot is rendered by the single-shot renderer as a request
 * of its own (its prompt, length and camera; text-to-video paints its own scene), then the shots are
 * joined with hard cuts. Every shot has exactly length × fps frames and is joined without
 * re-encoding, so each cut falls on the exact frame where the next shot starts.
 *
 * Continuity: shot k renders with seed + k (one seed family), and a shot whose prompt names no time
 * of day or weather takes shot 1's, so the palette and light carry across the cuts. Image-to-video
 * shots all re-frame the start image with their own camera move; the end frame closes the last shot.
 * One ambient bed spans the whole video when audio is on.
 */

/** Renders one single-shot job (LocalEngine's own renderer). */
export type ShotRenderer = (job: EngineJob) => Promise<EngineOutput>;

const SEED_LIMIT = 2_147_483_647;

/** The prompt shot `index` is rendered from: its own, plus shot 1's time of day and weather where it names none. */
export function continuityPrompt(shotPrompt: string, first: Scene, firstLook: ReturnType<typeof namedLook>): string {
  const own = namedLook(shotPrompt);
  const carried = [own.time ? "" : (firstLook.time ?? first.time), own.weather ? "" : (firstLook.weather ?? (first.weather === "clear" ? "" : first.weather))];
  const words = carried.map((word) => (word === "snow" ? "snowfall" : word)).filter(Boolean);
  return words.length ? `${shotPrompt}, ${words.join(", ")}` : shotPrompt;
}

export async function renderStoryboard(job: EngineJob, renderShot: ShotRenderer): Promise<EngineOutput> {
  const { request } = job;
  const shots = request.shots!;
  const total = shots.reduce((sum, shot) => sum + shot.duration, 0);
  const first = describeScene(shots[0]!.prompt, job.seed, request.negativePrompt);
  const firstLook = namedLook(shots[0]!.prompt);

  const outputs: EngineOutput[] = [];
  let secondsBefore = 0;
  for (const [i, shot] of shots.entries()) {
    const workDir = path.join(job.workDir, `shot${i + 1}`);
    await mkdir(workDir, { recursive: true });
    const before = secondsBefore;
    const output = await renderShot({
      ...job,
      request: {
        ...request,
        prompt: i === 0 || request.kind === "image_to_video" ? shot.prompt : continuityPrompt(shot.prompt, first, firstLook),
        duration: shot.duration,
        cameraControl: shot.cameraControl,
        shots: undefined,
        shotType: undefined,
        audio: false,
      },
      seed: (job.seed + i) % SEED_LIMIT,
      endImagePath: i === shots.length - 1 ? job.endImagePath : undefined,
      workDir,
      // The shot's 0–100 as its share of the whole storyboard; 100 only once the shots are joined.
      onProgress: (percent) => job.onProgress(Math.min(99, Math.floor((100 * (before + (shot.duration * percent) / 100)) / total))),
    });
    outputs.push(output);
    secondsBefore += shot.duration;
  }
  const result = await joinShots(outputs, total, request.audio ? first : null, job);
  await job.onProgress(100);
  return result;
}

/** The shots back to back (stream copy: same encoder settings, exact frame counts) with one audio bed over the whole. */
async function joinShots(shots: EngineOutput[], seconds: number, audioScene: Scene | null, job: EngineJob): Promise<EngineOutput> {
  const list = path.join(job.workDir, "shots.txt");
  await writeFile(list, shots.map((shot) => `file '${shot.videoPath.replaceAll("'", "'\\''")}'\n`).join(""));
  const videoPath = path.join(job.workDir, "video.mp4");
  const posterPath = path.join(job.workDir, "poster.jpg");
  const { width, height, fps } = shots[0]!;
  const audio = audioScene ? ["-filter_complex", ambienceGraph(audioScene, seconds), "-map", "[audio]", "-c:a", "aac", "-b:a", "128k", "-flags:a", "+bitexact"] : [];
  await runFfmpeg(
    [
      ...["-f", "concat", "-safe", "0", "-i", list, ...audio, "-map", "0:v", "-c:v", "copy"],
      ...["-movflags", "+faststart", "-fflags", "+bitexact", "-map_metadata", "-1", "-y", videoPath],
    ],
    { totalFrames: seconds * fps, signal: job.signal, onProgress: async () => {} },
  );
  await copyFile(shots[0]!.posterPath, posterPath);
  return { videoPath, posterPath, width, height, fps, durationMs: seconds * 1000, hasAudio: audioScene !== null };
}

import "server-only";
import path from "node:path";
import { runFfmpeg } from "../engines/ffmpeg/run";
import { outputArgs, POSTER_TAP } from "../engines/local/graph";
import type { EngineOutput } from "../engines/types";

type Parent = { videoPath: string; width: number; height: number; fps: number; durationMs: number; hasAudio: boolean };

/**
 * An extension's final video: the parent followed by the new shot, at the parent's size and frame
 * rate (whatever the engine produced), one H.264 file with the parent's first frame as poster.
 * The new shot starts on the parent's last frame, so the join is continuous.
 */
export async function joinAfterParent(parent: Parent, shot: EngineOutput, workDir: string, signal: AbortSignal): Promise<EngineOutput> {
  const { width, height, fps } = parent;
  const audio = parent.hasAudio && shot.hasAudio;
  const fit = (input: number, label: string) =>
    `[${input}:v]scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height},fps=${fps},setsar=1,format=yuv420p[${label}]`;
  const graph = [
    fit(0, "a0"),
    fit(1, "a1"),
    audio ? "[a0][0:a][a1][1:a]concat=n=2:v=1:a=1[v][audio]" : "[a0][a1]concat=n=2:v=1:a=0[v]",
    POSTER_TAP,
  ].join(";");
  const durationMs = parent.durationMs + shot.durationMs;
  const frames = Math.round((durationMs / 1000) * fps);
  const output = { videoPath: path.join(workDir, "extended.mp4"), posterPath: path.join(workDir, "extended.jpg") };
  await runFfmpeg(["-i", parent.videoPath, "-i", shot.videoPath, "-filter_complex", graph, ...outputArgs({ ...output, clip: { width, height, fps, frames }, audio })], {
    totalFrames: frames,
    signal,
    onProgress: async () => {},
  });
  return { ...output, width, height, fps, durationMs, hasAudio: audio, providerUnits: shot.providerUnits };
}

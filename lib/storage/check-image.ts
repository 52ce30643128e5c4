import "server-only";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FFMPEG_PATH } from "../engines/ffmpeg/run";
import type { ImageMime } from "./image-probe";
import { isStructurallyComplete } from "./image-structure";
import { damagedImageError, ImageRejectedError, validateImage } from "./validate-image";

/** An image whose bytes passed every check: only checkImage makes one. */
export type CheckedImage = { bytes: Buffer; mime: ImageMime; width: number; height: number };

// The bundled ffmpeg finds no stream in WebP read from a pipe, so the bytes go through a file named for their type.
const EXTENSION: Record<ImageMime, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };
/** A 40-megapixel PNG decodes in well under a second; far longer means a hostile file. */
const DECODE_TIMEOUT_MS = 20_000;

type Decoded = "complete" | "damaged" | "timeout";

/**
 * Decodes the first frame with ffmpeg, refusing on the first error (`-xerror`, `-err_detect
 * explode`). Some damage (missing rows) is only logged, not fatal, so any error output counts.
 */
async function decode(bytes: Buffer, mime: ImageMime, timeoutMs: number): Promise<Decoded> {
  const dir = await mkdtemp(path.join(tmpdir(), "reelsmith-check-"));
  try {
    const file = path.join(dir, `image.${EXTENSION[mime]}`);
    await writeFile(file, bytes);
    return await decodeFile(file, timeoutMs);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function decodeFile(file: string, timeoutMs: number): Promise<Decoded> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      FFMPEG_PATH,
      ["-hide_banner", "-nostdin", "-v", "error", "-xerror", "-err_detect", "explode", "-threads", "1", "-f", "image2", "-i", file, "-frames:v", "1", "-f", "null", "-"],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`ffmpeg could not start to check an image: ${error.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut) return resolve("timeout");
      resolve(code === 0 && stderr.trim() === "" ? "complete" : "damaged");
    });
  });
}

/**
 * Checks an upload by its bytes: type, size and proportions from its header, then that it is
 * whole and decodes completely. Throws ImageRejectedError with a message a person can act on.
 */
export async function checkImage(bytes: Buffer, timeoutMs = DECODE_TIMEOUT_MS): Promise<CheckedImage> {
  const { mime, width, height } = validateImage(bytes);
  if (!isStructurallyComplete(bytes, mime)) throw damagedImageError(mime);
  const decoded = await decode(bytes, mime, timeoutMs);
  if (decoded === "timeout") {
    throw new ImageRejectedError("unreadable", "This image took too long to read; save it again as a smaller JPEG or PNG and retry.");
  }
  if (decoded === "damaged") throw damagedImageError(mime);
  return { bytes, mime, width, height };
}

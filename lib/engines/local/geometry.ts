import { open } from "node:fs/promises";
import type { GenerationRequest } from "../../validation/generation";
import { EngineError, FRAME_RATE, SHORT_SIDE } from "../types";

export type Size = { width: number; height: number };

const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/** The frame size for a short side and a width:height ratio; both sides even. */
export function frameSize(shortSide: number, ratio: number): Size {
  return ratio >= 1
    ? { width: even(shortSide * ratio), height: shortSide }
    : { width: shortSide, height: even(shortSide / ratio) };
}

const ASPECT = { "16:9": 16 / 9, "9:16": 9 / 16, "1:1": 1 } as const;

/**
 * Output geometry: short side and frame rate by mode (unless overridden); text-to-video takes the
 * requested aspect ratio, image-to-video follows the start image's (as Kling does).
 */
export function outputGeometry(request: GenerationRequest, image?: Size, overrides: { shortSide?: number; fps?: number } = {}) {
  const ratio = request.kind === "text_to_video" ? ASPECT[request.aspectRatio] : image ? image.width / image.height : 16 / 9;
  const shortSide = overrides.shortSide ?? SHORT_SIDE[request.mode];
  const fps = overrides.fps ?? FRAME_RATE[request.mode];
  return { ...frameSize(shortSide, ratio), fps, frames: request.duration * fps };
}

/**
 * Reads the pixel size from a PNG, JPEG or WebP header, so geometry is known before ffmpeg starts
 * (without a second process on the render's critical path).
 */
export async function imageSize(path: string): Promise<Size> {
  const file = await open(path, "r");
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const size = parseImageSize(buffer.subarray(0, bytesRead));
    if (!size) throw new EngineError(`Unsupported image format: ${path}`, false);
    return size;
  } finally {
    await file.close();
  }
}

export function parseImageSize(b: Buffer): Size | null {
  // PNG: IHDR is the first chunk.
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  // WebP: RIFF....WEBP then VP8 / VP8L / VP8X.
  if (b.length >= 30 && b.toString("ascii", 0, 4) === "RIFF" && b.toString("ascii", 8, 12) === "WEBP") {
    const chunk = b.toString("ascii", 12, 16);
    if (chunk === "VP8 ") return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    if (chunk === "VP8L") {
      const bits = b.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === "VP8X") return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
    return null;
  }
  // JPEG: walk the segments to the first start-of-frame.
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isStartOfFrame) return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
      i += 2 + b.readUInt16BE(i + 2);
    }
  }
  return null;
}

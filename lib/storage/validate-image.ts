import { DomainError } from "../errors/domain";
import { probeImage, type ImageMime } from "./image-probe";

export const IMAGE_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  minSide: 300,
  /** Widest landscape (and, inverted, tallest portrait) accepted: 2.5:1. */
  maxAspect: 2.5,
  /** Guards engines and browsers against decompression bombs: tiny files declaring huge canvases. */
  maxMegapixels: 40,
};

export type ImageRejectedCode = "empty" | "too_large" | "not_an_image" | "damaged" | "unreadable" | "too_many_pixels" | "too_small" | "bad_aspect";

/** Why an upload was refused; the message is for the person uploading. */
export class ImageRejectedError extends DomainError<ImageRejectedCode> {}

const MB = 1024 * 1024;

/** "12.4 MB", rounded up so a file just over the limit never reads as exactly the limit. */
export function formatMegabytes(bytes: number): string {
  // bytes * 10 / 2^20 is exact in floating point, so the rounding never wobbles.
  return `${(Math.ceil((bytes * 10) / MB) / 10).toFixed(1)} MB`;
}

export function tooLargeError(what: string, bytes: number): ImageRejectedError {
  return new ImageRejectedError("too_large", `The ${what} is ${formatMegabytes(bytes)}; the limit is ${IMAGE_LIMITS.maxBytes / MB} MB.`);
}

export function damagedImageError(mime: ImageMime): ImageRejectedError {
  const type = mime.slice("image/".length).toUpperCase();
  return new ImageRejectedError("damaged", `This ${type} file is damaged or incomplete; export it again and retry.`);
}

const trimmed = (n: number) => String(Number(n.toFixed(2)));

/** Checks an upload by its header (lib/storage/check-image.ts adds the decode); throws ImageRejectedError with a message a person can act on. */
export function validateImage(bytes: Uint8Array): { mime: ImageMime; width: number; height: number } {
  if (bytes.byteLength === 0) throw new ImageRejectedError("empty", "The file is empty.");
  if (bytes.byteLength > IMAGE_LIMITS.maxBytes) throw tooLargeError("image", bytes.byteLength);

  const probe = probeImage(bytes);
  if (probe.kind === "unknown") throw new ImageRejectedError("not_an_image", "This file is not a JPEG, PNG or WebP image.");
  if (probe.kind === "damaged") throw damagedImageError(probe.mime);

  const { mime, width, height } = probe;
  const megapixels = (width * height) / 1_000_000;
  if (megapixels > IMAGE_LIMITS.maxMegapixels) {
    throw new ImageRejectedError("too_many_pixels", `The image has ${megapixels.toFixed(1)} megapixels; the limit is ${IMAGE_LIMITS.maxMegapixels}.`);
  }
  if (Math.min(width, height) < IMAGE_LIMITS.minSide) {
    throw new ImageRejectedError("too_small", `The image is ${width}×${height} px; each side must be at least ${IMAGE_LIMITS.minSide} px.`);
  }
  const { maxAspect } = IMAGE_LIMITS;
  if (width > height * maxAspect || height > width * maxAspect) {
    const ratio = width >= height ? `${trimmed(width / height)}:1` : `1:${trimmed(height / width)}`;
    throw new ImageRejectedError("bad_aspect", `The image is ${width}×${height} (${ratio}); the aspect ratio must be between 1:${maxAspect} and ${maxAspect}:1.`);
  }
  return { mime, width, height };
}

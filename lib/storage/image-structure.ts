import { crc32 } from "node:zlib";
import type { ImageMime } from "./image-probe";

/**
 * Whether a file's container is whole: the cheap, exact checks a decoder may skip. A decoder
 * happily shows a PNG whose last chunk lost its checksum or a JPEG cut before its end marker;
 * such files are truncated uploads and are refused before anything stores or renders them.
 */
export function isStructurallyComplete(bytes: Uint8Array, mime: ImageMime): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (mime) {
    case "image/png":
      return pngComplete(buf);
    case "image/jpeg":
      return jpegComplete(buf);
    case "image/webp":
      return webpComplete(buf);
  }
}

/** Every chunk fits and has a valid CRC, IHDR comes first, image data follows, IEND closes it. */
function pngComplete(buf: Buffer): boolean {
  let pos = 8;
  let sawData = false;
  let first = true;
  while (pos + 12 <= buf.length) {
    const length = buf.readUInt32BE(pos);
    const end = pos + 12 + length;
    if (end > buf.length) return false;
    const type = buf.toString("latin1", pos + 4, pos + 8);
    if (crc32(buf.subarray(pos + 4, pos + 8 + length)) !== buf.readUInt32BE(pos + 8 + length)) return false;
    if (first && type !== "IHDR") return false;
    first = false;
    if (type === "IDAT") sawData = true;
    if (type === "IEND") return sawData;
    pos = end;
  }
  return false;
}

/** The segments before the first scan are whole, and an end-of-image marker follows the scan data. */
function jpegComplete(buf: Buffer): boolean {
  let pos = 2;
  while (pos + 4 <= buf.length) {
    if (buf[pos] !== 0xff) return false;
    const marker = buf[pos + 1]!;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      pos += 2;
      continue;
    }
    const length = buf.readUInt16BE(pos + 2);
    if (length < 2 || pos + 2 + length > buf.length) return false;
    // Scan data escapes 0xFF as FF 00 and uses FF D0–D7 for restarts, so FF D9 after it can only be the end marker.
    if (marker === 0xda) return buf.lastIndexOf(END_OF_IMAGE) >= pos + 2 + length;
    if (marker === 0xd9) return false; // ends before any scan
    pos += 2 + length;
  }
  return false;
}

const END_OF_IMAGE = Buffer.from([0xff, 0xd9]);

/** The RIFF header's declared size is all there. */
function webpComplete(buf: Buffer): boolean {
  return buf.length >= 12 && buf.readUInt32LE(4) + 8 <= buf.length;
}

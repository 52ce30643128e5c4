/**
 * Image type and dimensions read from the first bytes of a file, without decoding it, so a
 * hostile file costs nothing to inspect. Never trusts names or client-sent MIME types.
 */

export type ImageMime = "image/jpeg" | "image/png" | "image/webp";

export type ProbeResult =
  | { kind: "image"; mime: ImageMime; width: number; height: number }
  /** The signature matches but the header is truncated or inconsistent. */
  | { kind: "damaged"; mime: ImageMime }
  | { kind: "unknown" };

export function probeImage(bytes: Uint8Array): ProbeResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return result("image/jpeg", probeJpeg(buf));
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return result("image/png", probePng(buf));
  if (buf.length >= 12 && buf.toString("latin1", 0, 4) === "RIFF" && buf.toString("latin1", 8, 12) === "WEBP") {
    return result("image/webp", probeWebp(buf));
  }
  return { kind: "unknown" };
}

type Size = { width: number; height: number };

function result(mime: ImageMime, size: Size | null): ProbeResult {
  return size && size.width > 0 && size.height > 0 ? { kind: "image", mime, ...size } : { kind: "damaged", mime };
}

function startsWith(buf: Buffer, signature: number[]): boolean {
  return buf.length >= signature.length && signature.every((byte, i) => buf[i] === byte);
}

function probePng(buf: Buffer): Size | null {
  // The IHDR chunk must come first: length, "IHDR", width, height.
  if (buf.length < 24 || buf.toString("latin1", 12, 16) !== "IHDR") return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function probeWebp(buf: Buffer): Size | null {
  if (buf.length < 16) return null;
  switch (buf.toString("latin1", 12, 16)) {
    case "VP8 ": // lossy: frame tag, start code 9d 01 2a, then 14-bit dimensions
      if (buf.length < 30 || buf[23] !== 0x9d || buf[24] !== 0x01 || buf[25] !== 0x2a) return null;
      return { width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
    case "VP8L": {
      // lossless: signature 0x2f, then width-1 and height-1 packed as 14 bits each
      if (buf.length < 25 || buf[20] !== 0x2f) return null;
      const bits = buf.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case "VP8X": // extended: canvas width-1 and height-1 as 24-bit fields
      if (buf.length < 30) return null;
      return { width: buf.readUIntLE(24, 3) + 1, height: buf.readUIntLE(27, 3) + 1 };
    default:
      return null;
  }
}

// SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);

function probeJpeg(buf: Buffer): Size | null {
  let orientation = 1;
  let pos = 2;
  while (pos < buf.length) {
    if (buf[pos] !== 0xff) return null;
    while (buf[pos] === 0xff) pos++; // fill bytes
    const marker = buf[pos++];
    if (marker === undefined) return null;
    if (isStandalone(marker)) continue;
    // End of image or start of scan before any frame header: there is no size to read.
    if (marker === 0xd9 || marker === 0xda || pos + 2 > buf.length) return null;
    const length = buf.readUInt16BE(pos);
    if (length < 2 || pos + length > buf.length) return null;
    if (marker === 0xe1) orientation = exifOrientation(buf.subarray(pos + 2, pos + length)) ?? orientation;
    if (isStartOfFrame(marker)) {
      if (length < 7) return null;
      const height = buf.readUInt16BE(pos + 3);
      const width = buf.readUInt16BE(pos + 5);
      // Orientations 5–8 rotate by 90°: viewers show the image with its sides swapped.
      return orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height };
    }
    pos += length;
  }
  return null;
}

/** The Orientation tag (0x0112) of an APP1 Exif payload's first IFD, if it has one. */
function exifOrientation(app1: Buffer): number | null {
  if (app1.length < 14 || app1.toString("latin1", 0, 6) !== "Exif\0\0") return null;
  const tiff = app1.subarray(6);
  const order = tiff.toString("latin1", 0, 2);
  if (order !== "II" && order !== "MM") return null;
  const le = order === "II";
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112) return u16(entry + 8);
  }
  return null;
}

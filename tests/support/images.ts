import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";

const ffmpegPath: string = createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg").path;

/**
 * A real image encoded by ffmpeg (testsrc2 wants even sides). WebP: lossy (VP8) by default, `lossless` gives VP8L and
 * `alpha` an extended (VP8X) file; `noise` makes it incompressible (a big file for its size).
 */
export function encodeImage(format: "jpg" | "png" | "webp", width: number, height: number, options: { lossless?: boolean; alpha?: boolean; noise?: boolean } = {}): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), "reelsmith-img-"));
  const out = path.join(dir, `out.${format}`);
  try {
    // Half-transparent pixels: an opaque alpha channel would be dropped by the encoder.
    const source = `testsrc2=size=${width}x${height}${options.alpha ? ",format=rgba,colorchannelmixer=aa=0.5" : ""}${options.noise ? ",noise=alls=100:allf=t+u" : ""}`;
    const args = ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", source, "-frames:v", "1"];
    if (options.lossless) args.push("-lossless", "1");
    execFileSync(ffmpegPath, [...args, out]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG that is only a signature and a header claiming this size: what a decompression bomb looks like to a probe. */
export function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, default compression, filter, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IEND", Buffer.alloc(0))]);
}

/** The JPEG with an Exif APP1 segment carrying this Orientation inserted right after SOI. */
export function withExifOrientation(jpeg: Buffer, orientation: number, byteOrder: "II" | "MM" = "MM"): Buffer {
  const le = byteOrder === "II";
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write(byteOrder, 0, "latin1");
  const u16 = (value: number, at: number) => (le ? tiff.writeUInt16LE(value, at) : tiff.writeUInt16BE(value, at));
  const u32 = (value: number, at: number) => (le ? tiff.writeUInt32LE(value, at) : tiff.writeUInt32BE(value, at));
  u16(42, 2);
  u32(8, 4); // IFD0 right after the header
  u16(1, 8); // one entry
  u16(0x0112, 10); // Orientation
  u16(3, 12); // SHORT
  u32(1, 14); // one value
  u16(orientation, 18);
  const payload = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/** A PNG with an intact header whose image data holds only the first `rows` rows (all chunks with valid CRCs). */
export function pngWithRows(width: number, height: number, rows: number): Buffer {
  const header = pngHeader(width, height);
  const iend = header.subarray(header.length - 12);
  const scanlines = Buffer.alloc(rows * (1 + width * 3)); // filter byte 0, black pixels
  return Buffer.concat([header.subarray(0, header.length - 12), chunk("IDAT", deflateSync(scanlines)), iend]);
}

/** The 23-byte JPEG a hostile client sends: start marker, a frame header declaring 640×360, end marker, no scan. */
export function jpegHeadersOnly(): Buffer {
  const frame = [0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x68, 0x02, 0x80, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  return Buffer.from([0xff, 0xd8, ...frame, 0xff, 0xd9]);
}

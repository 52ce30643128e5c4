import { describe, expect, it } from "vitest";
import { encodeImage, pngHeader, withExifOrientation } from "@/tests/support/images";
import { probeImage } from "./image-probe";

describe("probeImage", () => {
  it.each([
    ["jpg", "image/jpeg", {}],
    ["png", "image/png", {}],
    ["webp", "image/webp", {}],
    ["webp", "image/webp", { lossless: true }],
    ["webp", "image/webp", { alpha: true }],
  ] as const)("reads type and size of a real %s %o", (format, mime, options) => {
    expect(probeImage(encodeImage(format, 642, 362, options))).toEqual({ kind: "image", mime, width: 642, height: 362 });
  });

  it("covers the three WebP flavours (lossy VP8, lossless VP8L, extended VP8X)", () => {
    const chunkOf = (bytes: Buffer) => bytes.toString("latin1", 12, 16);
    expect(chunkOf(encodeImage("webp", 320, 320))).toBe("VP8 ");
    expect(chunkOf(encodeImage("webp", 320, 320, { lossless: true }))).toBe("VP8L");
    expect(chunkOf(encodeImage("webp", 320, 320, { alpha: true }))).toBe("VP8X");
  });

  it.each([1, 2, 3, 4])("keeps width and height for EXIF orientation %i", (orientation) => {
    const jpeg = withExifOrientation(encodeImage("jpg", 640, 360), orientation);
    expect(probeImage(jpeg)).toMatchObject({ width: 640, height: 360 });
  });

  it.each([5, 6, 7, 8])("swaps width and height for EXIF orientation %i (rotated 90°)", (orientation) => {
    const jpeg = encodeImage("jpg", 640, 360);
    expect(probeImage(withExifOrientation(jpeg, orientation, "MM"))).toMatchObject({ width: 360, height: 640 });
    expect(probeImage(withExifOrientation(jpeg, orientation, "II"))).toMatchObject({ width: 360, height: 640 });
  });

  it("reports the size a PNG header claims without decoding anything (a decompression bomb)", () => {
    expect(probeImage(pngHeader(100_000, 100_000))).toEqual({ kind: "image", mime: "image/png", width: 100_000, height: 100_000 });
  });

  it.each(["jpg", "png", "webp"] as const)("calls a %s truncated inside its header damaged", (format) => {
    const bytes = encodeImage(format, 320, 320);
    const cut = format === "jpg" ? bytes.indexOf(Buffer.from([0xff, 0xc0])) + 4 : 20;
    expect(probeImage(bytes.subarray(0, cut))).toMatchObject({ kind: "damaged" });
  });

  it("calls inconsistent headers damaged", () => {
    const png = pngHeader(400, 400);
    expect(probeImage(Buffer.concat([png.subarray(0, 12), Buffer.from("IDAT"), png.subarray(16)]))).toMatchObject({ kind: "damaged" });
    expect(probeImage(pngHeader(0, 400))).toMatchObject({ kind: "damaged" });

    const jpegWithoutFrame = Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9]);
    expect(probeImage(jpegWithoutFrame)).toEqual({ kind: "damaged", mime: "image/jpeg" });
    const jpegBadLength = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0x00, 0x00]);
    expect(probeImage(jpegBadLength)).toEqual({ kind: "damaged", mime: "image/jpeg" });

    const webp = encodeImage("webp", 320, 320);
    const badStartCode = Buffer.from(webp);
    badStartCode[23] = 0;
    expect(probeImage(badStartCode)).toEqual({ kind: "damaged", mime: "image/webp" });
    const unknownChunk = Buffer.from(webp);
    unknownChunk.write("VP9 ", 12, "latin1");
    expect(probeImage(unknownChunk)).toEqual({ kind: "damaged", mime: "image/webp" });
  });

  it("ignores a broken EXIF block and keeps the frame size", () => {
    const jpeg = withExifOrientation(encodeImage("jpg", 640, 360), 6);
    const app1 = jpeg.indexOf("Exif", 0, "latin1");
    jpeg.writeUInt32BE(0xffff, app1 + 6 + 4); // IFD offset far past the segment
    expect(probeImage(jpeg)).toMatchObject({ width: 640, height: 360 });
  });

  it.each([
    ["empty", Buffer.alloc(0)],
    ["text renamed to .png", Buffer.from("just some notes, not a picture\n")],
    ["GIF", Buffer.from("GIF89a\x01\x00\x01\x00", "latin1")],
    ["RIFF that is not WebP", Buffer.from("RIFF\x10\x00\x00\x00WAVEfmt ", "latin1")],
    ["two bytes of JPEG", Buffer.from([0xff, 0xd8])],
  ])("does not recognise %s", (_, bytes) => {
    expect(probeImage(bytes)).toEqual({ kind: "unknown" });
  });
});

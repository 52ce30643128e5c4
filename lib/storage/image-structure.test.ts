import { describe, expect, it } from "vitest";
import { encodeImage, pngHeader, pngWithRows } from "@/tests/support/images";
import { isStructurallyComplete } from "./image-structure";

const minus = (bytes: Buffer, n: number) => bytes.subarray(0, bytes.length - n);

describe("isStructurallyComplete", () => {
  it.each([
    ["jpg", "image/jpeg"],
    ["png", "image/png"],
    ["webp", "image/webp"],
  ] as const)("accepts a whole %s", (format, mime) => {
    expect(isStructurallyComplete(encodeImage(format, 320, 320), mime)).toBe(true);
  });

  it("accepts bytes after the end marker (some cameras append data)", () => {
    expect(isStructurallyComplete(Buffer.concat([encodeImage("jpg", 320, 320), Buffer.from("trailer")]), "image/jpeg")).toBe(true);
    expect(isStructurallyComplete(Buffer.concat([encodeImage("png", 320, 320), Buffer.alloc(4)]), "image/png")).toBe(true);
  });

  it("refuses PNGs without image data, cut short, or with a wrong checksum", () => {
    const png = encodeImage("png", 320, 320);
    const ihdrOnly = pngHeader(640, 360).subarray(0, 33);
    expect(isStructurallyComplete(ihdrOnly, "image/png")).toBe(false);
    expect(isStructurallyComplete(pngHeader(640, 360), "image/png")).toBe(false); // IHDR + IEND, no IDAT
    expect(isStructurallyComplete(minus(png, 3), "image/png")).toBe(false); // IEND's CRC cut
    expect(isStructurallyComplete(png.subarray(0, png.length / 2), "image/png")).toBe(false);
    const flipped = Buffer.from(png);
    flipped.writeUInt8(flipped.readUInt8(60) ^ 0xff, 60);
    expect(isStructurallyComplete(flipped, "image/png")).toBe(false);
    const idatFirst = Buffer.from(png);
    idatFirst.write("IDAT", 12, "latin1");
    expect(isStructurallyComplete(idatFirst, "image/png")).toBe(false);
    // Structure alone cannot see missing rows: the decoder catches those.
    expect(isStructurallyComplete(pngWithRows(640, 360, 180), "image/png")).toBe(true);
  });

  it("refuses JPEGs that are headers only, have no scan, or are cut before the end marker", () => {
    const jpeg = encodeImage("jpg", 320, 320);
    const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
    const headersOnly = Buffer.concat([jpeg.subarray(0, sos), Buffer.from([0xff, 0xd9])]);
    expect(isStructurallyComplete(headersOnly, "image/jpeg")).toBe(false);
    expect(isStructurallyComplete(minus(jpeg, 1), "image/jpeg")).toBe(false);
    expect(isStructurallyComplete(jpeg.subarray(0, sos + 200), "image/jpeg")).toBe(false);
    expect(isStructurallyComplete(jpeg.subarray(0, sos + 3), "image/jpeg")).toBe(false); // inside the scan header
  });

  it("refuses a WebP shorter than its RIFF header says", () => {
    const webp = encodeImage("webp", 320, 320);
    expect(isStructurallyComplete(minus(webp, 1), "image/webp")).toBe(false);
    expect(isStructurallyComplete(webp.subarray(0, 11), "image/webp")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { generationRequestSchema } from "../../validation/generation";
import { frameSize, outputGeometry, parseImageSize } from "./geometry";
import { qualityGeometry, renderQuality } from "./quality";

const t2v = (extra: object) => generationRequestSchema.parse({ kind: "text_to_video", prompt: "x", ...extra });
const i2v = (extra: object) => generationRequestSchema.parse({ kind: "image_to_video", startImageId: "i", ...extra });

describe("outputGeometry", () => {
  it("text-to-video: short side and frame rate by mode, long side by aspect ratio, frames = seconds × fps", () => {
    expect(outputGeometry(t2v({}))).toEqual({ width: 1280, height: 720, fps: 24, frames: 120 });
    expect(outputGeometry(t2v({ mode: "professional", duration: 10 }))).toEqual({ width: 1920, height: 1080, fps: 30, frames: 300 });
    expect(outputGeometry(t2v({ aspectRatio: "9:16" }))).toMatchObject({ width: 720, height: 1280 });
    expect(outputGeometry(t2v({ aspectRatio: "1:1", mode: "professional" }))).toMatchObject({ width: 1080, height: 1080 });
  });
  it("image-to-video follows the image's aspect, long side rounded to even", () => {
    expect(outputGeometry(i2v({}), { width: 1920, height: 1080 })).toMatchObject({ width: 1280, height: 720 });
    expect(outputGeometry(i2v({}), { width: 1000, height: 1333 })).toMatchObject({ width: 720, height: 960 });
    expect(outputGeometry(i2v({ mode: "professional" }), { width: 1001, height: 1000 })).toMatchObject({ width: 1082, height: 1080 });
    expect(frameSize(144, 4 / 3)).toEqual({ width: 192, height: 144 });
  });
  it("takes a short side and frame rate override (the preview quality), keeping shape and length", () => {
    const preview = qualityGeometry("preview");
    expect(outputGeometry(t2v({ mode: "professional", duration: 10 }), undefined, preview)).toEqual({ width: 320, height: 180, fps: 12, frames: 120 });
    expect(outputGeometry(i2v({}), { width: 1000, height: 1333 }, preview)).toEqual({ width: 180, height: 240, fps: 12, frames: 60 });
    expect(outputGeometry(t2v({}), undefined, qualityGeometry("full"))).toEqual({ width: 1280, height: 720, fps: 24, frames: 120 });
  });
});

describe("renderQuality", () => {
  it("reads LOCAL_RENDER_QUALITY: full by default, preview on request, anything else refused by name", () => {
    expect(renderQuality({})).toBe("full");
    expect(renderQuality({ LOCAL_RENDER_QUALITY: "" })).toBe("full");
    expect(renderQuality({ LOCAL_RENDER_QUALITY: "preview" })).toBe("preview");
    expect(() => renderQuality({ LOCAL_RENDER_QUALITY: "draft" })).toThrow('LOCAL_RENDER_QUALITY must be "full" or "preview", not "draft".');
  });
});

describe("parseImageSize", () => {
  it("reads PNG, JPEG and WebP headers; null for anything else", () => {
    const png = Buffer.alloc(33);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(640, 16);
    png.writeUInt32BE(480, 20);
    expect(parseImageSize(png)).toEqual({ width: 640, height: 480 });
    // SOI, an APP0 segment of 16 bytes, then SOF0 (length, precision, height, width).
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Array(14).fill(0), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x01, 0x90, 0x03, 0, 0, 0, 0]);
    expect(parseImageSize(jpeg)).toEqual({ width: 400, height: 300 });
    const webp = Buffer.alloc(30);
    webp.write("RIFF", 0, "ascii");
    webp.write("WEBPVP8X", 8, "ascii");
    webp.writeUIntLE(799, 24, 3);
    webp.writeUIntLE(599, 27, 3);
    expect(parseImageSize(webp)).toEqual({ width: 800, height: 600 });
    expect(parseImageSize(Buffer.from("GIF89a........................"))).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { encodeImage, pngHeader } from "@/tests/support/images";
import { formatMegabytes, ImageRejectedError, validateImage } from "./validate-image";

function rejection(bytes: Buffer): { code: string; message: string } {
  try {
    validateImage(bytes);
  } catch (error) {
    if (error instanceof ImageRejectedError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("validateImage", () => {
  it.each([
    ["jpg", "image/jpeg"],
    ["png", "image/png"],
    ["webp", "image/webp"],
  ] as const)("accepts a %s and returns its type and size", (format, mime) => {
    expect(validateImage(encodeImage(format, 640, 360))).toEqual({ mime, width: 640, height: 360 });
  });

  it("refuses a file over 10 MB, saying how big it is", () => {
    const big = Buffer.concat([pngHeader(1000, 1000), Buffer.alloc(Math.round(12.4 * 1024 * 1024) - 45)]);
    expect(rejection(big)).toEqual({ code: "too_large", message: "The image is 12.4 MB; the limit is 10 MB." });
    const justOver = Buffer.concat([pngHeader(1000, 1000), Buffer.alloc(10 * 1024 * 1024 - 44)]);
    expect(rejection(justOver).message).toBe("The image is 10.1 MB; the limit is 10 MB.");
    const exactly = Buffer.concat([pngHeader(1000, 1000), Buffer.alloc(10 * 1024 * 1024 - 45)]);
    expect(validateImage(exactly)).toMatchObject({ width: 1000 });
  });

  it("refuses what is not a JPEG, PNG or WebP by its bytes, and an empty file", () => {
    expect(rejection(Buffer.from("hello, I am a .png"))).toEqual({ code: "not_an_image", message: "This file is not a JPEG, PNG or WebP image." });
    expect(rejection(Buffer.alloc(0))).toEqual({ code: "empty", message: "The file is empty." });
  });

  it("refuses a damaged header, naming the type", () => {
    expect(rejection(pngHeader(400, 400).subarray(0, 20))).toEqual({
      code: "damaged",
      message: "This PNG file is damaged or incomplete; export it again and retry.",
    });
  });

  it("refuses sides under 300 px", () => {
    expect(rejection(pngHeader(250, 400))).toEqual({ code: "too_small", message: "The image is 250×400 px; each side must be at least 300 px." });
    expect(validateImage(pngHeader(300, 300))).toMatchObject({ width: 300, height: 300 });
  });

  it("refuses aspect ratios beyond 2.5:1 either way, accepting exactly 2.5", () => {
    expect(rejection(pngHeader(3000, 900)).message).toBe("The image is 3000×900 (3.33:1); the aspect ratio must be between 1:2.5 and 2.5:1.");
    expect(rejection(pngHeader(900, 3000)).message).toBe("The image is 900×3000 (1:3.33); the aspect ratio must be between 1:2.5 and 2.5:1.");
    expect(rejection(pngHeader(751, 300)).message).toContain("(2.5:1)");
    expect(validateImage(pngHeader(750, 300))).toMatchObject({ width: 750 });
    expect(validateImage(pngHeader(300, 750))).toMatchObject({ height: 750 });
  });

  it("refuses more than 40 megapixels before anything else about the size (decompression bombs)", () => {
    expect(rejection(pngHeader(8000, 8000))).toEqual({ code: "too_many_pixels", message: "The image has 64.0 megapixels; the limit is 40." });
    expect(rejection(pngHeader(100_000, 100_000)).message).toBe("The image has 10000.0 megapixels; the limit is 40.");
    expect(validateImage(pngHeader(8000, 5000))).toMatchObject({ width: 8000 });
  });

  it("formats sizes rounded up to a tenth", () => {
    expect(formatMegabytes(1024 * 1024)).toBe("1.0 MB");
    expect(formatMegabytes(1024 * 1024 + 1)).toBe("1.1 MB");
  });
});

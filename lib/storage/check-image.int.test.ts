import { describe, expect, it } from "vitest";
import { encodeImage, jpegHeadersOnly, pngHeader, pngWithRows, withExifOrientation } from "@/tests/support/images";
import { checkImage } from "./check-image";
import { ImageRejectedError } from "./validate-image";
import { httpRefusal } from "../errors/http";

async function refusal(bytes: Buffer, timeoutMs?: number): Promise<{ status: number; message: string }> {
  const error: unknown = await checkImage(bytes, timeoutMs).then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );
  if (!(error instanceof ImageRejectedError)) throw error;
  return { status: httpRefusal(error)!.status, message: error.message };
}

const damaged = (type: string) => ({ status: 422, message: `This ${type} file is damaged or incomplete; export it again and retry.` });

// Real ffmpeg decodes of small images; the refusals are the files that passed the header probe before.
describe("checkImage", () => {
  it.each([
    ["jpg", "image/jpeg"],
    ["png", "image/png"],
    ["webp", "image/webp"],
  ] as const)("accepts a whole %s with its type and size", async (format, mime) => {
    const bytes = encodeImage(format, 400, 320);
    expect(await checkImage(bytes)).toEqual({ bytes, mime, width: 400, height: 320 });
  });

  it("keeps the displayed size of a rotated JPEG", async () => {
    expect(await checkImage(withExifOrientation(encodeImage("jpg", 400, 320), 6))).toMatchObject({ width: 320, height: 400 });
  });

  it("refuses a 23-byte JPEG of headers only", async () => {
    const bytes = jpegHeadersOnly();
    expect(bytes).toHaveLength(23);
    expect(await refusal(bytes)).toEqual(damaged("JPEG"));
  });

  it("refuses PNGs with only a header, with rows missing, or cut short", async () => {
    expect(await refusal(pngHeader(640, 360).subarray(0, 33))).toEqual(damaged("PNG"));
    expect(await refusal(pngHeader(640, 360))).toEqual(damaged("PNG"));
    // Every chunk is intact, but the data holds half the rows: only the decoder sees it.
    expect(await refusal(pngWithRows(640, 360, 180))).toEqual(damaged("PNG"));
    const png = encodeImage("png", 400, 320);
    expect(await refusal(png.subarray(0, png.length / 2))).toEqual(damaged("PNG"));
  });

  it("refuses JPEG and WebP data cut short", async () => {
    const jpeg = encodeImage("jpg", 400, 320);
    expect(await refusal(jpeg.subarray(0, jpeg.length / 2))).toEqual(damaged("JPEG"));
    // The end marker kept but the middle of the scan lost: the decoder runs out of data.
    const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
    expect(await refusal(Buffer.concat([jpeg.subarray(0, sos + 400), Buffer.from([0xff, 0xd9])]))).toEqual(damaged("JPEG"));
    const webp = encodeImage("webp", 400, 320);
    expect(await refusal(webp.subarray(0, webp.length - 200))).toEqual(damaged("WEBP"));
  });

  it("refuses a PNG whose image data was altered (its checksum no longer matches)", async () => {
    const png = encodeImage("png", 400, 320);
    const idat = png.indexOf("IDAT", 0, "latin1");
    const garbled = Buffer.from(png);
    garbled.fill(0x55, idat + 4, idat + 64);
    expect(await refusal(garbled)).toEqual(damaged("PNG"));
  });

  it("refuses an image it cannot read in time", async () => {
    expect(await refusal(encodeImage("png", 400, 320), 1)).toEqual({
      status: 422,
      message: "This image took too long to read; save it again as a smaller JPEG or PNG and retry.",
    });
  });
});

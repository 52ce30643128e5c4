import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { crc32 } from "node:zlib";
import { limitUploads, UPLOAD_LIMITS } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db/client";
import { encodeImage, jpegHeadersOnly, pngHeader, pngWithRows } from "@/tests/support/images";
import { tempMediaDirPerFile, userMediaFiles } from "@/tests/support/media";
import { authedRequest } from "@/tests/support/session";
import { createTestUser } from "@/tests/support/users";
import { POST } from "./route";

const mediaRoot = tempMediaDirPerFile();
const MB = 1024 * 1024;

/** A multipart request as a browser's FormData upload sends it. */
async function formRequest(userId: string | null, fields: Record<string, Blob | string>, options: { declareLength?: boolean } = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const headers: Record<string, string> = { "content-type": encoded.headers.get("content-type")! };
  if (options.declareLength ?? true) headers["content-length"] = String(body.length);
  return authedRequest("/api/uploads", userId, { method: "POST", body, headers });
}

const fileField = (bytes: Buffer, name = "photo.jpg", type = "image/jpeg") => ({ file: new File([new Uint8Array(bytes)], name, { type }) });

const halve = (bytes: Buffer) => bytes.subarray(0, bytes.length / 2);
/** A PNG header followed by padding, `bytes` long in all. */
/** A whole PNG of `bytes` bytes: a real picture padded with an ancillary chunk (valid CRC) that decoders skip. */
function wholePng(bytes: number): Buffer {
  const image = encodeImage("png", 640, 360);
  const iend = image.length - 12;
  const data = Buffer.alloc(bytes - image.length - 12);
  const type = Buffer.from("raDg");
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])), 8 + data.length);
  return Buffer.concat([image.subarray(0, iend), chunk, image.subarray(iend)]);
}
const paddedPng = (bytes: number) => Buffer.concat([pngHeader(1000, 1000), Buffer.alloc(bytes - pngHeader(1000, 1000).length)]);

async function expectNothingStored(userId: string) {
  expect(await db().asset.count({ where: { userId } })).toBe(0);
  expect(await userMediaFiles(mediaRoot(), userId)).toEqual([]);
}

describe("POST /api/uploads", () => {
  it("refuses a request without a session", async () => {
    const response = await POST(await formRequest(null, fileField(encodeImage("jpg", 640, 360))));
    expect(response.status).toBe(401);
  });

  it.each([
    ["jpg", "image/jpeg"],
    ["png", "image/png"],
    ["webp", "image/webp"],
  ] as const)("accepts a %s, judged by its bytes, as the user's asset", async (format, mime) => {
    const user = await createTestUser();
    const bytes = encodeImage(format, 640, 360);
    // The client's name and type are ignored: only the bytes decide.
    const response = await POST(await formRequest(user.id, fileField(bytes, "upload.bin", "application/octet-stream")));
    expect(response.status).toBe(201);
    const { asset } = await response.json();
    expect(asset).toEqual({ id: expect.any(String), mime, width: 640, height: 360, size: bytes.length, url: `/api/media/${asset.id}` });
    const row = await db().asset.findUniqueOrThrow({ where: { id: asset.id } });
    expect(row).toMatchObject({ userId: user.id, kind: "image" });
    expect(await userMediaFiles(mediaRoot(), user.id)).toEqual([row.storageKey]);
  });

  it("returns the existing asset with 200 for the same image again", async () => {
    const user = await createTestUser();
    const bytes = encodeImage("png", 640, 360);
    const first = await (await POST(await formRequest(user.id, fileField(bytes)))).json();
    const again = await POST(await formRequest(user.id, fileField(bytes, "copy.png")));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    expect(await userMediaFiles(mediaRoot(), user.id)).toHaveLength(1);
  });

  it("ends concurrent identical uploads with one row and one file", async () => {
    const user = await createTestUser();
    const bytes = encodeImage("webp", 640, 360);
    const responses = await Promise.all(Array.from({ length: 6 }, async () => POST(await formRequest(user.id, fileField(bytes)))));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(responses.map(async (r) => (await r.json()).asset.id)));
    expect(ids.size).toBe(1);
    expect(await db().asset.count({ where: { userId: user.id } })).toBe(1);
    expect(await userMediaFiles(mediaRoot(), user.id)).toHaveLength(1);
  });

  const text = Buffer.from("Shopping list: eggs, flour, a nicer camera.\n");
  it.each([
    ["an upload declared over 10 MB", () => fileField(paddedPng(12.4 * MB - 4096)), {}, 413, "The upload is 12.4 MB; the limit is 10 MB."],
    ["an image over 10 MB", () => fileField(paddedPng(10 * MB + 30_000)), { declareLength: false }, 413, "The image is 10.1 MB; the limit is 10 MB."],
    ["a text file renamed to .png", () => fileField(text, "notes.png", "image/png"), {}, 415, "This file is not a JPEG, PNG or WebP image."],
    ["an empty file", () => fileField(Buffer.alloc(0)), {}, 400, "The file is empty."],
    ["a truncated PNG", () => fileField(encodeImage("png", 640, 360).subarray(0, 20)), {}, 422, "This PNG file is damaged or incomplete; export it again and retry."],
    ["a 23-byte JPEG of headers only", () => fileField(jpegHeadersOnly()), {}, 422, "This JPEG file is damaged or incomplete; export it again and retry."],
    ["a PNG with only its header", () => fileField(pngHeader(640, 360)), {}, 422, "This PNG file is damaged or incomplete; export it again and retry."],
    ["a PNG missing rows", () => fileField(pngWithRows(640, 360, 100)), {}, 422, "This PNG file is damaged or incomplete; export it again and retry."],
    ["a JPEG cut in half", () => fileField(halve(encodeImage("jpg", 640, 360))), {}, 422, "This JPEG file is damaged or incomplete; export it again and retry."],
    ["a tiny image", () => fileField(encodeImage("jpg", 250, 400)), {}, 422, "The image is 250×400 px; each side must be at least 300 px."],
    ["an extreme aspect ratio", () => fileField(pngHeader(3000, 900)), {}, 422, "The image is 3000×900 (3.33:1); the aspect ratio must be between 1:2.5 and 2.5:1."],
    ["a decompression bomb", () => fileField(pngHeader(100_000, 100_000)), {}, 422, "The image has 10000.0 megapixels; the limit is 40."],
    ["a form without a file field", () => ({ image: new File([text], "x.png") }), {}, 400, 'Choose an image to upload: send multipart/form-data with the image in a field named "file".'],
    ["a text value in the file field", () => ({ file: "photo.jpg" }), {}, 400, 'Choose an image to upload: send multipart/form-data with the image in a field named "file".'],
  ])("refuses %s with a message, storing nothing", async (_, fields, options, status, message) => {
    const user = await createTestUser();
    const response = await POST(await formRequest(user.id, fields(), options));
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { message } });
    await expectNothingStored(user.id);
  });

  it("refuses a body that is not multipart", async () => {
    const user = await createTestUser();
    const response = await POST(
      await authedRequest("/api/uploads", user.id, { method: "POST", body: JSON.stringify({ file: "aGVsbG8=" }), headers: { "content-type": "application/json" } }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe('The upload is not a form: send multipart/form-data with the image in a field named "file".');
    await expectNothingStored(user.id);
  });

  it("refuses a malformed multipart body", async () => {
    const user = await createTestUser();
    const headers = { "content-type": "multipart/form-data; boundary=xyz" };
    const response = await POST(await authedRequest("/api/uploads", user.id, { method: "POST", body: "not a multipart body", headers }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/^The upload could not be read as a form/);
  });

  it("stops reading a streamed body without a length once it passes the limit", async () => {
    const user = await createTestUser();
    const chunk = new Uint8Array(MB);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 50) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const headers = { "content-type": "multipart/form-data; boundary=xyz" };
    const response = await POST(await authedRequest("/api/uploads", user.id, { method: "POST", body, headers, duplex: "half" }));
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toBe("The upload is larger than the 10 MB limit.");
    expect(sent).toBeLessThan(15);
    await expectNothingStored(user.id);
  });

  describe("quota and rate", () => {
    /** Uploads the user already has, as rows only: `bytes` of them in all. */
    const alreadyUploaded = (userId: string, bytes: number) =>
      db().asset.create({ data: { userId, kind: "image", mime: "image/png", size: bytes, checksum: randomUUID(), storageKey: `test/${randomUUID()}.png` } });

    it("413 with the numbers once the plan's upload room is full, and nothing stored", async () => {
      const user = await createTestUser();
      await alreadyUploaded(user.id, 48_200_000);
      const image = paddedPng(2 * 1_000_000);
      const response = await POST(await formRequest(user.id, fileField(image, "big.png", "image/png")));
      expect(response.status).toBe(413);
      expect((await response.json()).error.message).toBe(
        "Your uploads use 48.2 MB of the 50 MB of the Free plan, and this image is 2 MB. Delete uploads you no longer need (unused ones are removed after 7 days) or choose a larger plan.",
      );
      expect(await userMediaFiles(mediaRoot(), user.id)).toEqual([]);
      expect(await db().asset.count({ where: { userId: user.id } })).toBe(1);
    });

    it("two uploads racing for the last room: at most one is kept, and the quota holds", async () => {
      const user = await createTestUser();
      await alreadyUploaded(user.id, 50_000_000 - 1_500_000);
      const images = [wholePng(1_000_000), wholePng(990_000)];
      const requests = await Promise.all(images.map((image) => formRequest(user.id, fileField(image, "x.png", "image/png"))));
      const statuses = (await Promise.all(requests.map((request) => POST(request)))).map((r) => r.status);
      expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(1);
      expect(statuses.every((s) => s === 201 || s === 413), String(statuses)).toBe(true);
      const { _sum } = await db().asset.aggregate({ where: { userId: user.id }, _sum: { size: true } });
      expect(_sum.size).toBeLessThanOrEqual(50_000_000);
      expect(await userMediaFiles(mediaRoot(), user.id)).toHaveLength(statuses.filter((s) => s === 201).length);
    });

    it("429 with Retry-After past the uploads allowed per hour", async () => {
      const user = await createTestUser();
      for (let i = 0; i < UPLOAD_LIMITS.perUserPerHour; i++) await limitUploads(user.id);
      const response = await POST(await formRequest(user.id, fileField(encodeImage("jpg", 640, 360))));
      expect(response.status).toBe(429);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(3000);
      expect((await response.json()).error.message).toMatch(/^Too many uploads\. Try again in \d+ s\.$/);
      await expectNothingStored(user.id);
    });
  });
});


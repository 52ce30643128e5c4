import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { storeFileAsset, storeUploadedImage } from "@/lib/storage/assets";
import { encodeImage } from "@/tests/support/images";
import { tempMediaDirPerFile } from "@/tests/support/media";
import { startS3Server } from "@/tests/support/s3-server";
import { authedRequest } from "@/tests/support/session";
import { createTestUser } from "@/tests/support/users";
import { GET } from "./route";

const mediaRoot = tempMediaDirPerFile();

async function get(id: string, userId: string | null, init: { headers?: Record<string, string>; query?: string } = {}) {
  const request = await authedRequest(`/api/media/${id}${init.query ?? ""}`, userId, { headers: init.headers });
  return GET(request, { params: Promise.resolve({ id }) });
}

const bodyOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe("GET /api/media/[id]", () => {
  let owner: { id: string };
  let video: { id: string; checksum: string };
  const bytes = randomBytes(50_000);

  beforeAll(async () => {
    owner = await createTestUser("standard"); // a plan served the clean master: these bytes are not a real video to watermark
    const file = path.join(mediaRoot(), "render.mp4");
    await writeFile(file, bytes);
    video = await storeFileAsset(owner.id, "video", file, { mime: "video/mp4", width: 1280, height: 720, durationMs: 5000 });
  });

  it("refuses a request without a session", async () => {
    expect((await get(video.id, null)).status).toBe(401);
  });

  it("answers 404 for another user's asset, exactly as for one that does not exist", async () => {
    const stranger = await createTestUser();
    for (const id of [video.id, "no-such-asset"]) {
      const response = await get(id, stranger.id);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { message: "No such media." } });
    }
  });

  it("streams the whole file to its owner", async () => {
    const response = await get(video.id, owner.id);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "video/mp4",
      "content-length": "50000",
      "accept-ranges": "bytes",
      etag: `"${video.checksum}"`,
      "cache-control": "private, max-age=86400",
    });
    expect(response.headers.get("content-disposition")).toBeNull();
    expect((await bodyOf(response)).equals(bytes)).toBe(true);
  });

  it.each([
    ["bytes=0-99", 0, 99],
    ["bytes=20000-29999", 20_000, 29_999],
    ["bytes=-1", 49_999, 49_999],
    ["bytes=49000-", 49_000, 49_999],
    ["bytes=49990-60000", 49_990, 49_999],
  ])("answers %s with 206 and exactly those bytes", async (range, start, end) => {
    const response = await get(video.id, owner.id, { headers: { range } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes ${start}-${end}/50000`);
    expect(response.headers.get("content-length")).toBe(String(end - start + 1));
    expect((await bodyOf(response)).equals(bytes.subarray(start, end + 1))).toBe(true);
  });

  it("answers 416 for a range past the end", async () => {
    const response = await get(video.id, owner.id, { headers: { range: "bytes=50000-" } });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe("bytes */50000");
    expect((await response.json()).error.message).toBe("The requested range is outside the file, which has 50000 bytes.");
  });

  it("ignores a range for a version the client no longer holds (If-Range)", async () => {
    const response = await get(video.id, owner.id, { headers: { range: "bytes=0-9", "if-range": '"something-else"' } });
    expect(response.status).toBe(200);
    expect((await bodyOf(response)).length).toBe(50_000);
  });

  it("answers 304 when the client already has it", async () => {
    const response = await get(video.id, owner.id, { headers: { "if-none-match": `"${video.checksum}"` } });
    expect(response.status).toBe(304);
  });

  it("offers a download under a sanitised name with the right extension", async () => {
    const named = await get(video.id, owner.id, { query: `?download=1&name=${encodeURIComponent("../../Sunset: take 2")}` });
    expect(named.status).toBe(200);
    expect(named.headers.get("content-disposition")).toBe(`attachment; filename="Sunset take 2.mp4"; filename*=UTF-8''Sunset%20take%202.mp4`);
    const unnamed = await get(video.id, owner.id, { query: "?download=1" });
    expect(unnamed.headers.get("content-disposition")).toBe(`attachment; filename="reelsmith-${video.id}.mp4"; filename*=UTF-8''reelsmith-${video.id}.mp4`);
  });

  describe("with the S3 driver", () => {
    let stop: () => Promise<void>;
    beforeAll(async () => {
      const server = await startS3Server();
      stop = server.stop;
      const { config } = server;
      vi.stubEnv("STORAGE_DRIVER", "s3");
      vi.stubEnv("S3_ENDPOINT", config.endpoint);
      vi.stubEnv("S3_BUCKET", config.bucket);
      vi.stubEnv("S3_ACCESS_KEY_ID", config.accessKeyId);
      vi.stubEnv("S3_SECRET_ACCESS_KEY", config.secretAccessKey);
    });
    afterAll(async () => {
      vi.stubEnv("STORAGE_DRIVER", "local");
      await stop();
    });

    it("streams whole files and ranges from the bucket", async () => {
      const image = encodeImage("png", 640, 360);
      const { asset } = await storeUploadedImage(owner.id, image);
      const whole = await get(asset.id, owner.id);
      expect(whole.headers.get("content-type")).toBe("image/png");
      expect((await bodyOf(whole)).equals(image)).toBe(true);
      const part = await get(asset.id, owner.id, { headers: { range: "bytes=100-199" } });
      expect(part.status).toBe(206);
      expect((await bodyOf(part)).equals(image.subarray(100, 200))).toBe(true);
    });
  });
});

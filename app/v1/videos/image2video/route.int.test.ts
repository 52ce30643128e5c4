import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { stopQueue } from "@/lib/queue/boss";
import { apiCaller, callApi } from "@/tests/support/api";
import { localServer } from "@/tests/support/http-server";
import { encodeImage, jpegHeadersOnly } from "@/tests/support/images";
import { POST as create } from "./route";

afterAll(() => stopQueue());
afterEach(() => {
  delete process.env.API_ALLOW_PRIVATE_URLS;
});

const submit = (authorization: string, body: unknown) => callApi(create, { method: "POST", path: "/v1/videos/image2video", authorization, body });

describe("POST /v1/videos/image2video", () => {
  it("takes an 8 MB image as base64 (about 10.7 MB of JSON), within the documented 10 MB image and 30 MB body", async () => {
    const caller = await apiCaller();
    const image = encodeImage("png", 1900, 1900, { noise: true });
    expect(image.length).toBeGreaterThan(8_000_000);
    const body = JSON.stringify({ image: image.toString("base64"), prompt: "static" });
    expect(body.length).toBeGreaterThan(10_700_000);
    const answer = await callApi(create, { method: "POST", path: "/v1/videos/image2video", authorization: caller.bearer, body, headers: { "content-length": String(body.length) } });
    expect(answer).toMatchObject({ httpStatus: 200, code: 0, data: { task_status: "submitted" } });
    const g = await db().generation.findUniqueOrThrow({ where: { id: answer.data!.task_id }, include: { startImage: true } });
    expect(g.startImage).toMatchObject({ mime: "image/png", width: 1900, height: 1900, size: image.length });
  });

  it("refuses a body over 30 MB with 413 and code 1200, from Content-Length before reading it", async () => {
    const caller = await apiCaller();
    const answer = await callApi(create, { method: "POST", path: "/v1/videos/image2video", authorization: caller.bearer, body: "{}", headers: { "content-length": String(30 * 1024 * 1024 + 1) } });
    expect(answer).toMatchObject({ httpStatus: 413, code: 1200, message: "The request body is larger than the 30 MB limit." });
    expect(await db().generation.count({ where: { userId: caller.userId } })).toBe(0);
  });

  it("takes the start frame as raw base64 and the end frame by URL, stored as the user's images", async () => {
    const caller = await apiCaller();
    const start = encodeImage("png", 640, 360);
    const end = encodeImage("jpg", 640, 360);
    const server = await localServer(() => ({ status: 200, body: end, headers: { "content-type": "image/jpeg" } }));
    process.env.API_ALLOW_PRIVATE_URLS = "1";
    try {
      const answer = await submit(caller.bearer, { image: start.toString("base64"), image_tail: `${server.url}/end.jpg`, prompt: "dusk", duration: 5 });
      expect(answer).toMatchObject({ code: 0, data: { task_status: "submitted" } });
      const g = await db().generation.findUniqueOrThrow({ where: { id: answer.data!.task_id }, include: { startImage: true, endImage: true } });
      expect(g).toMatchObject({ kind: "image_to_video", aspectRatio: "auto", durationSeconds: 5 });
      expect(g.startImage).toMatchObject({ userId: caller.userId, kind: "image", mime: "image/png", width: 640, height: 360, size: start.length });
      expect(g.endImage).toMatchObject({ userId: caller.userId, mime: "image/jpeg", size: end.length });
      expect(server.received.map((r) => r.url)).toEqual(["/end.jpg"]);
    } finally {
      await server.close();
    }
  });

  it("refuses private addresses unless allowed, and bad images, naming the field and storing nothing", async () => {
    const caller = await apiCaller();
    const good = encodeImage("png", 640, 360).toString("base64");
    const server = await localServer((req) => (req.url === "/missing" ? { status: 404 } : { status: 200, body: "<html>not an image</html>" }));
    try {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ image: `${server.url}/a.png` }, /^Invalid image: that URL points to a private or local address; only public addresses are reachable\.$/],
        [{ image: "http://localhost:1/a.png" }, /^Invalid image: that URL points to a private or local address; only public addresses are reachable\.$/],
        [{ image: "http://[64:ff9b::a00:1]/a.png" }, /^Invalid image: that URL points to a private or local address/],
        [{ image: good, image_tail: "ftp://example.com/x.png" }, /^Invalid image_tail: only http and https URLs are fetched, not ftp:/],
        [{ image: "not base64 at all!" }, /^Invalid image: not an http\(s\) URL and not base64/],
        [{ image: `data:image/png;base64,${good}` }, /without the "data:image/],
        [{ image: encodeImage("png", 200, 200).toString("base64") }, /^Invalid image: The image is 200×200 px; each side must be at least 300 px\.$/],
        [{ image: good, image_tail: jpegHeadersOnly().toString("base64") }, /^Invalid image_tail: This JPEG file is damaged or incomplete; export it again and retry\.$/],
        [{ image_tail: good }, /^Invalid image: the start frame is required/],
        [{ image: good, aspect_ratio: "16:9" }, /^Unsupported field aspect_ratio: image2video follows the aspect ratio of the image/],
      ];
      for (const [body, message] of cases) {
        expect(await submit(caller.bearer, body), JSON.stringify(body).slice(0, 80)).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringMatching(message) });
      }
      process.env.API_ALLOW_PRIVATE_URLS = "1";
      expect(await submit(caller.bearer, { image: `${server.url}/missing` })).toMatchObject({ code: 1201, message: "Invalid image: fetching " + `${server.url}/missing answered HTTP 404.` });
      expect(await submit(caller.bearer, { image: `${server.url}/page` })).toMatchObject({ code: 1201, message: "Invalid image: This file is not a JPEG, PNG or WebP image." });
      // A good image with a refused setting: the image stored for it is removed again.
      expect(await submit(caller.bearer, { image: good, mode: "pro" })).toMatchObject({ code: 1103 });
      expect(await db().asset.count({ where: { userId: caller.userId } })).toBe(0);
      expect(await db().generation.count({ where: { userId: caller.userId } })).toBe(0);
    } finally {
      await server.close();
    }
  });
});

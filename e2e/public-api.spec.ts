import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { CEILING } from "../tests/support/ceilings";
import { KlingClient, klingJwt, looksLikeMp4 } from "../tests/support/kling-client";
import { localServer } from "../tests/support/http-server";
import { test, expect, signIn } from "./fixtures";
import { testImage } from "./images";

const ffprobe = (createRequire(import.meta.url)("@ffprobe-installer/ffprobe") as { path: string }).path;

/** A key made the way a user makes one: signed in, through the Account page's route. */
async function createKey(page: Page): Promise<{ id: string; accessKey: string; secretKey: string }> {
  const response = await page.request.post("/api/api-keys", { data: { name: "e2e pipeline" } });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { key: { id: string }; accessKey: string; secretKey: string };
  return { id: body.key.id, accessKey: body.accessKey, secretKey: body.secretKey };
}

function probe(bytes: Buffer): { codec: string; duration: number } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "e2e-api-")), "video.mp4");
  writeFileSync(file, bytes);
  const out = JSON.parse(execFileSync(ffprobe, ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", file], { encoding: "utf8" })) as {
    streams: { codec_type: string; codec_name: string }[];
    format: { duration: string };
  };
  return { codec: out.streams.find((s) => s.codec_type === "video")!.codec_name, duration: Number(out.format.duration) };
}

test("a Kling API client renders text-to-video and image-to-video on Reelsmith and downloads playable MP4s", async ({ page, user, baseURL }) => {
  test.setTimeout(CEILING.suite);
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  const key = await createKey(page);
  const client = new KlingClient(baseURL!, key.accessKey, key.secretKey);
  const frames = await localServer(() => ({ status: 200, body: readFileSync(testImage(640, 360, "jpg")), headers: { "content-type": "image/jpeg" } }));
  const hooks = await localServer(() => ({ status: 204 }));
  try {
    const t2v = await client.createTask("text2video", {
      model_name: "kling-v1",
      prompt: "a paper boat on a rainy street",
      duration: "5",
      mode: "std",
      aspect_ratio: "16:9",
      external_task_id: "e2e-t2v",
      callback_url: `${hooks.url}/kling-hook`,
    });
    expect(t2v).toMatchObject({ httpStatus: 200, code: 0, message: "SUCCEED", data: { task_status: "submitted" } });
    const i2v = await client.createTask("image2video", {
      image: readFileSync(testImage(640, 360)).toString("base64"),
      image_tail: `${frames.url}/end.jpg`,
      prompt: "the test card slides",
      duration: "5",
    });
    expect(i2v.code).toBe(0);

    // Queried by external_task_id, as Kling allows.
    const t2vDone = await client.waitForTask("text2video", "e2e-t2v");
    expect(t2vDone).toMatchObject({ task_id: t2v.data!.task_id, task_status: "succeed", task_result: { videos: [{ duration: "5" }] } });
    const i2vDone = await client.waitForTask("image2video", i2v.data!.task_id);
    expect(i2vDone.task_status).toBe("succeed");

    for (const task of [t2vDone, i2vDone]) {
      expect(task.task_result.videos[0]!.url).toContain("/api/media/signed/");
      const bytes = await client.download(task);
      expect(looksLikeMp4(bytes)).toBe(true);
      const { codec, duration } = probe(bytes);
      expect(codec).toBe("h264");
      expect(duration).toBeCloseTo(5, 0);
    }
    // The finished video extended through video-extend: one video, 5 s longer.
    const extension = await client.createTask("video-extend", { video_id: t2vDone.task_result.videos[0]!.id, prompt: "the boat drifts out of view" });
    expect(extension).toMatchObject({ httpStatus: 200, code: 0, data: { task_status: "submitted" } });
    const extended = await client.waitForTask("video-extend", extension.data!.task_id);
    expect(extended).toMatchObject({ task_status: "succeed", task_result: { videos: [{ duration: "10" }] } });
    expect(probe(await client.download(extended)).duration).toBeCloseTo(10, 0);

    const listed = await client.listTasks("text2video", 1, 10);
    expect(listed.data!.map((t) => t.task_id)).toEqual([t2v.data!.task_id]);

    // The server's worker POSTed each status change, in order, signed with the key's secret.
    await expect.poll(() => hooks.received.length).toBe(3);
    const bodies = hooks.received.map((r) => JSON.parse(r.body) as { task_id: string; task_status: string });
    expect(bodies.map((b) => [b.task_id, b.task_status])).toEqual(["submitted", "processing", "succeed"].map((s) => [t2v.data!.task_id, s]));
    for (const hook of hooks.received) {
      const { t, v1 } = Object.fromEntries(String(hook.headers["x-reelsmith-signature"]).split(",").map((p) => p.split("=") as [string, string]));
      expect(v1).toBe(createHmac("sha256", key.secretKey).update(`${t}.${hook.body}`).digest("hex"));
    }
  } finally {
    await frames.close();
    await hooks.close();
  }
});

test("wrong signature, expired token, bad field and revoked key get Kling's codes", async ({ page, user, baseURL }) => {
  await signIn(page, user);
  await expect(page).toHaveURL(/\/studio$/);
  const key = await createKey(page);
  const client = new KlingClient(baseURL!, key.accessKey, key.secretKey);
  const now = Math.floor(Date.now() / 1000);

  expect(await client.call("GET", "/v1/videos/text2video", undefined, `Bearer ${klingJwt(key.accessKey, "not-the-secret")}`)).toMatchObject({ httpStatus: 401, code: 1000 });
  expect(await client.call("GET", "/v1/videos/text2video", undefined, `Bearer ${klingJwt(key.accessKey, key.secretKey, { exp: now - 600 })}`)).toMatchObject({ httpStatus: 401, code: 1004 });
  expect(await client.call("GET", "/v1/videos/text2video", undefined, "")).toMatchObject({ httpStatus: 401, code: 1001 });
  expect(await client.createTask("text2video", { prompt: "x", duration: "16" })).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringMatching(/^Invalid duration/) });
  expect(await client.createTask("text2video", { prompt: "x", voice_list: [] })).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringMatching(/^Unsupported field voice_list/) });
  expect(await client.getTask("text2video", "no-such-task")).toMatchObject({ httpStatus: 404, code: 1203 });

  expect((await page.request.delete(`/api/api-keys/${key.id}`)).status()).toBe(200);
  expect(await client.listTasks("text2video")).toMatchObject({ httpStatus: 401, code: 1000 });
});

test("the OpenAPI document and the reference page describe the API", async ({ page, request }) => {
  const doc = (await (await request.get("/api/openapi.json")).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual([
    "/v1/videos/text2video",
    "/v1/videos/text2video/{id}",
    "/v1/videos/image2video",
    "/v1/videos/image2video/{id}",
    "/v1/videos/video-extend",
    "/v1/videos/video-extend/{id}",
    "/v1/videos/omni-video",
    "/v1/videos/omni-video/{id}",
    "/v1/general/advanced-custom-elements",
    "/v1/general/advanced-custom-elements/{id}",
    "/v1/batches",
    "/v1/batches/{id}",
  ]);
  expect(Object.keys(doc.components.schemas.Text2VideoRequest!.properties)).toEqual(expect.arrayContaining(["prompt", "camera_control", "callback_url", "external_task_id"]));
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "POST /v1/videos/image2video" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "image_tail" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "1302" })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/api-reference.png", fullPage: true });
});

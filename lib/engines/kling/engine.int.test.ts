import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as callbackRoute } from "@/app/api/engines/kling/callback/route";
import { FakeKling } from "@/tests/support/fake-kling";
import { CEILING } from "@/tests/support/ceilings";
import { createGeneration, probeAsset, userWithCredits, waitForEnd } from "@/tests/support/generations";
import { encodeImage } from "@/tests/support/images";
import { serveRoute } from "@/tests/support/route-server";
import { authedRequest } from "@/tests/support/session";
import { until } from "@/tests/support/wait";
import { creditBalance } from "../../credits/ledger";
import { db } from "../../db/client";
import { runGenerationJob } from "../../generations/run";
import { QUEUES } from "../../queue/boss";
import { GENERATION_JOB_OPTIONS } from "../../generations/job-queue";
import { submitGeneration } from "../../generations/submit";
import { JOB_DEADLINE_MS } from "../../generations/sweeper";
import { storeUploadedImage } from "../../storage/assets";
import { generationRequestSchema, type GenerationRequestInput } from "../../validation/generation";
import { startWorker, stopWorker } from "../../worker/start";
import { klingConfig } from "./config";

// The real pipeline (submit → pg-boss → worker → kling engine → storage) against a fake Kling.

let fake: FakeKling;
let callbacks: Awaited<ReturnType<typeof serveRoute>>;
const saved = { ...process.env };

/** The suite's Kling settings (plus `extra`), on top of the environment as it was. */
const settings = (extra: Record<string, string> = {}) =>
  (process.env = {
    ...saved,
    ...fake.env(),
    KLING_CALLBACK_URL: `${callbacks.url}/api/engines/kling/callback`,
    ...extra,
  });

beforeAll(async () => {
  fake = await FakeKling.start();
  callbacks = await serveRoute((req) => callbackRoute(req));
  settings();
  await startWorker({ schedules: false });
});

afterEach(() => {
  fake.createErrors = [];
  fake.script = {};
  fake.mediaFailures = 0;
  settings();
});

afterAll(async () => {
  await stopWorker();
  await fake.close();
  await callbacks.close();
  process.env = saved;
});

async function submit(user: Awaited<ReturnType<typeof userWithCredits>>, input: GenerationRequestInput): Promise<string> {
  const { generations } = await submitGeneration(user, generationRequestSchema.parse(input));
  return generations[0]!.id;
}

/** A job for a new free user whose Kling task stays `processing` until released; resolves once the task exists (or is processing). */
async function heldJob(prompt: string, stage: "created" | "processing" = "created") {
  fake.script = { hold: true };
  const id = await submit(await userWithCredits("free"), { kind: "text_to_video", prompt });
  const task = await until(`the task to be ${stage}`, () => fake.tasksFor(id).find((t) => stage === "created" || t.status === "processing"));
  return { id, task };
}

const refunds = (id: string) => db().creditEntry.count({ where: { ref: id, reason: "refund" } });

describe("the kling engine, through the real pipeline, against a fake Kling", () => {
  it("submits once with the mapped body, reports progress, records the task at once, and stores a playable re-encoded video", async () => {
    fake.script = { hold: true };
    const user = await userWithCredits("free");
    const id = await submit(user, {
      kind: "text_to_video",
      prompt: "a lighthouse in a storm",
      negativePrompt: "people",
      cfgScale: 0.8,
      aspectRatio: "1:1",
      cameraControl: { type: "axis", axis: "zoom", value: 5 },
    });
    const task = await until("the task to be processing", () => fake.tasksFor(id).find((t) => t.status === "processing"));
    const running = await until("progress", async () => {
      const g = await db().generation.findUniqueOrThrow({ where: { id } });
      return g.progress >= 5 ? g : undefined;
    });
    expect(running).toMatchObject({ status: "running", provider: "kling", providerTaskId: task.taskId });
    expect(task.body).toMatchObject({
      model_name: "kling-v1",
      prompt: "a lighthouse in a storm",
      negative_prompt: "people",
      cfg_scale: 0.8,
      mode: "std",
      duration: "5",
      aspect_ratio: "1:1",
      camera_control: { type: "simple", config: { horizontal: 0, vertical: 0, pan: 0, tilt: 0, roll: 0, zoom: 5 } },
      external_task_id: id,
    });
    expect(String(task.body.callback_url)).toMatch(new RegExp(`/api/engines/kling/callback\\?generation=${id}&token=[\\w-]{43}$`));

    fake.release(task.taskId, { status: "succeed", units: "1.5" });
    const g = await waitForEnd(id);
    expect(g).toMatchObject({ status: "succeeded", progress: 100, width: 640, height: 360, fps: 25, error: null });
    expect(g.providerUnits?.toString()).toBe("1.5");
    expect(fake.createRequests(id)).toHaveLength(1);
    const probe = await probeAsset(g.outputVideoId!);
    expect(probe.streams.find((s) => s.codec_type === "video")).toMatchObject({ codec_name: "h264", pix_fmt: "yuv420p", width: 640, height: 360, nb_frames: "50" });
    expect(probe.streams.some((s) => s.codec_type === "audio")).toBe(true);
    expect(Number(probe.format.duration)).toBeCloseTo(2, 0);
    expect(await db().asset.findUniqueOrThrow({ where: { id: g.thumbnailId! } })).toMatchObject({ kind: "poster", mime: "image/jpeg", width: 640, height: 360 });
    expect(await db().creditEntry.count({ where: { ref: id, reason: "spend" } })).toBe(1);
    expect(await refunds(id)).toBe(0);
  }, CEILING.render);

  it("sends image-to-video frames as raw base64 with the end frame as image_tail, in pro mode", async () => {
    const user = await userWithCredits("standard");
    const start = (await storeUploadedImage(user.id, encodeImage("png", 640, 480))).asset;
    const end = (await storeUploadedImage(user.id, encodeImage("webp", 640, 480))).asset;
    const id = await submit(user, { kind: "image_to_video", startImageId: start.id, endImageId: end.id, mode: "professional", prompt: "the sun comes out" });
    const g = await waitForEnd(id);
    expect(g.status).toBe("succeeded");
    const [task] = fake.tasksFor(id);
    expect(task!.endpoint).toBe("image2video");
    expect(task!.body).toMatchObject({ model_name: "kling-v1-6", mode: "pro", duration: "5", prompt: "the sun comes out" });
    expect(task!.body).not.toHaveProperty("aspect_ratio");
    const image = Buffer.from(String(task!.body.image), "base64");
    const tail = Buffer.from(String(task!.body.image_tail), "base64");
    expect(image.subarray(1, 4).toString("latin1")).toBe("PNG");
    // WebP is not a format Kling takes: converted to JPEG.
    expect([...tail.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  }, CEILING.render);

  it("treats a failed task answered with code 0 as failed, shows Kling's reason and refunds exactly once", async () => {
    fake.script = { outcome: { status: "failed", message: "Image pixel is invalid" } };
    const user = await userWithCredits("free");
    const before = await creditBalance(user.id);
    const id = await submit(user, { kind: "text_to_video", prompt: "a red kite" });
    const g = await waitForEnd(id);
    expect(g).toMatchObject({ status: "failed", errorCode: "engine_failed", attempts: 1 });
    expect(g.error).toBe(`Kling could not make this video: Image pixel is invalid. Your ${g.cost} credits were refunded.`);
    expect(await creditBalance(user.id)).toBe(before);
    expect(await refunds(id)).toBe(1);
    expect(fake.createRequests(id)).toHaveLength(1);
  }, CEILING.render);

  it("fails on a terminal create error with Kling's code and message, creating nothing, refunding once", async () => {
    fake.createErrors = [{ httpStatus: 400, code: 1301, message: "Content security policy triggered" }];
    const user = await userWithCredits("free");
    const before = await creditBalance(user.id);
    const id = await submit(user, { kind: "text_to_video", prompt: "a quiet street" });
    const g = await waitForEnd(id);
    expect(g.status).toBe("failed");
    expect(g.error).toMatch(/^Kling's content rules refused this prompt or image \(Kling 1301: Content security policy triggered\)\. Edit it and try again\. Your \d+ credits were refunded\.$/);
    expect(fake.tasksFor(id)).toHaveLength(0);
    expect(await creditBalance(user.id)).toBe(before);
    expect(await refunds(id)).toBe(1);
  }, CEILING.render);

  it("on 5002 from a create that did create the task, finds it by external_task_id and never submits again", async () => {
    fake.createErrors = [{ httpStatus: 504, code: 5002, message: "internal timeout", afterCreate: true }];
    const user = await userWithCredits("free");
    const id = await submit(user, { kind: "text_to_video", prompt: "a desert road" });
    const g = await waitForEnd(id);
    expect(g.status).toBe("succeeded");
    const [task, ...others] = fake.tasksFor(id);
    expect(others).toHaveLength(0);
    expect(g.providerTaskId).toBe(task!.taskId);
    expect(fake.createRequests(id).map((e) => e.code)).toEqual([5002]);
  }, CEILING.render);

  it("backs off on 1303 (over the concurrency limit) with growing waits, then submits once", async () => {
    fake.createErrors = [1, 2].map(() => ({ httpStatus: 429, code: 1303, message: "parallel task over resource pack limit" }));
    const user = await userWithCredits("free");
    const id = await submit(user, { kind: "text_to_video", prompt: "a busy market" });
    const g = await waitForEnd(id);
    expect(g).toMatchObject({ status: "succeeded", attempts: 1 });
    const creates = fake.createRequests(id);
    expect(creates.map((e) => e.code)).toEqual([1303, 1303, 0]);
    const [first, second] = [creates[1]!.at - creates[0]!.at, creates[2]!.at - creates[1]!.at];
    expect(first).toBeGreaterThanOrEqual(100);
    expect(second).toBeGreaterThanOrEqual(200);
    expect(fake.tasksFor(id)).toHaveLength(1);
  }, CEILING.render);

  it("a retried attempt resumes the recorded task (a failed download) instead of submitting again", async () => {
    fake.mediaFailures = 1;
    const user = await userWithCredits("free");
    const id = await submit(user, { kind: "text_to_video", prompt: "wheat in the wind" });
    const g = await waitForEnd(id);
    expect(g).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(fake.createRequests(id)).toHaveLength(1);
    expect(await db().creditEntry.count({ where: { ref: id, reason: "spend" } })).toBe(1);
    expect(await refunds(id)).toBe(0);
  }, CEILING.render);

  it("finds a task created by an attempt that died before recording it, by external_task_id", async () => {
    const user = await userWithCredits("free");
    const request = generationRequestSchema.parse({ kind: "text_to_video", prompt: "an old mill" });
    const row = await createGeneration(user.id, { status: "queued", provider: "kling", attempts: 1, params: { request, engineModel: "kling-v1" } });
    const task = fake.preCreate("text2video", row.id);
    await runGenerationJob(row.id);
    const g = await db().generation.findUniqueOrThrow({ where: { id: row.id } });
    expect(g).toMatchObject({ status: "succeeded", providerTaskId: task.taskId });
    expect(fake.createRequests(row.id)).toHaveLength(0);
  }, CEILING.render);

  it("fails, without submitting, a job whose recorded task Kling no longer knows", async () => {
    const user = await userWithCredits("free");
    const request = generationRequestSchema.parse({ kind: "text_to_video", prompt: "a lost task" });
    const row = await createGeneration(user.id, { status: "queued", provider: "kling", attempts: 1, providerTaskId: "404404", params: { request, engineModel: "kling-v1" } });
    await runGenerationJob(row.id);
    const g = await db().generation.findUniqueOrThrow({ where: { id: row.id } });
    expect(g.status).toBe("failed");
    expect(g.error).toMatch(/^Kling no longer knows this video's task \(404404\)\./);
    expect(fake.createRequests(row.id)).toHaveLength(0);
  }, CEILING.render);

  it("hands a task still running at the poll ceiling back to the queue; the next attempt follows the same task", async () => {
    settings({ KLING_POLL_TIMEOUT_MINUTES: "0.02" });
    fake.script = { hold: true };
    const user = await userWithCredits("free");
    const id = await submit(user, { kind: "text_to_video", prompt: "a slow tide" });
    const waiting = await until("the first attempt to time out", async () => {
      const g = await db().generation.findUniqueOrThrow({ where: { id } });
      return g.status === "queued" && g.attempts === 1 ? g : undefined;
    });
    expect(waiting.error).toMatch(/has not finished this video after 1 s; it will be checked again, not submitted again\.$/);
    settings();
    fake.release(waiting.providerTaskId!);
    const g = await waitForEnd(id);
    expect(g).toMatchObject({ status: "succeeded", attempts: 2, providerTaskId: waiting.providerTaskId });
    expect(fake.createRequests(id)).toHaveLength(1);
    expect(await refunds(id)).toBe(0);
  }, CEILING.render);

  it("signs a new JWT when Kling calls the cached one expired (1004) and carries on", async () => {
    const { id, task } = await heldJob("city lights", "processing");
    const tokenBefore = fake.log.filter((e) => e.path.endsWith(task.taskId)).at(-1)!.token;
    // Tokens are signed to the second: the next one must be signed in a later second than this one.
    const second = Math.floor(Date.now() / 1000);
    await until("the clock's next second", () => Math.floor(Date.now() / 1000) > second);
    const expiredFrom = fake.log.length;
    fake.revokeTokensSignedBefore(Math.floor(Date.now() / 1000) - 5);
    await until("a 1004", () => fake.log.slice(expiredFrom).some((e) => e.code === 1004));
    fake.release(task.taskId);
    const g = await waitForEnd(id);
    expect(g.status).toBe("succeeded");
    const after = fake.log.slice(expiredFrom);
    expect(after.find((e) => e.code === 1004)!.token).toBe(tokenBefore);
    expect(after.filter((e) => e.code === 0).every((e) => e.token !== tokenBefore)).toBe(true);
    expect(fake.createRequests(id)).toHaveLength(1);
  }, CEILING.render);

  it("fails with the credentials message when Kling refuses our signature, refunding once", async () => {
    settings({ KLING_SECRET_KEY: "not-the-secret" });
    const user = await userWithCredits("free");
    const before = await creditBalance(user.id);
    const id = await submit(user, { kind: "text_to_video", prompt: "a mountain lake" });
    const g = await waitForEnd(id);
    expect(g.status).toBe("failed");
    expect(g.error).toMatch(/refused this server's credentials \(Kling 1002: Authorization is invalid\)\. The operator must check KLING_ACCESS_KEY/);
    expect(fake.tasksFor(id)).toHaveLength(0);
    expect(await creditBalance(user.id)).toBe(before);
    expect(await refunds(id)).toBe(1);
  }, CEILING.render);

  it("wakes the poller on Kling's callback instead of waiting out the poll interval", async () => {
    // A poll interval far past the render ceiling: only the callback can end this job in time.
    settings({ KLING_POLL_INTERVAL_MS: String(4 * CEILING.render) });
    const { id, task } = await heldJob("fireworks over a bay");
    fake.release(task.taskId);
    const g = await waitForEnd(id);
    expect(g.status).toBe("succeeded");
    expect(fake.callbacks.some((c) => c.status === "succeed" && c.httpStatus === 200)).toBe(true);
  }, CEILING.render);

  it("never trusts a callback that runs ahead of the task: it downloads only once a query says succeed", async () => {
    settings({ KLING_POLL_INTERVAL_MS: "300" });
    const { id, task } = await heldJob("rain on a window");
    const from = fake.log.length;
    fake.release(task.taskId, { status: "succeed" }, 2);
    const g = await waitForEnd(id);
    expect(g.status).toBe("succeeded");
    const after = fake.log.slice(from);
    const firstSucceed = after.findIndex((e) => e.taskStatus === "succeed");
    const download = after.findIndex((e) => e.path.startsWith("/media/"));
    expect(after.filter((e) => e.taskStatus === "processing").length).toBeGreaterThanOrEqual(2);
    expect(firstSucceed).toBeGreaterThan(-1);
    expect(download).toBeGreaterThan(firstSucceed);
  }, CEILING.render);

  it("follows Kling jobs on their own queue, so one waiting on Kling never holds up a local render", async () => {
    const { id: remote, task } = await heldJob("a long remote job");
    settings({ ENGINE_STANDARD: "local", LOCAL_RENDER_QUALITY: "preview" });
    // Another user: a free plan runs one job at a time, and that rule is not what is under test.
    const local = await submit(await userWithCredits("free"), { kind: "text_to_video", prompt: "a quick local job" });
    const jobs = await db().$queryRaw<{ name: string; id: string }[]>`
      SELECT name, data->>'generationId' AS id FROM pgboss.job WHERE data->>'generationId' IN (${remote}, ${local})`;
    expect(Object.fromEntries(jobs.map((j) => [j.id, j.name]))).toEqual({ [remote]: QUEUES.remoteGeneration, [local]: QUEUES.generation });
    expect((await waitForEnd(local)).status).toBe("succeeded");
    expect((await db().generation.findUniqueOrThrow({ where: { id: remote } })).status).toBe("running");
    fake.release(task.taskId);
    expect((await waitForEnd(remote)).status).toBe("succeeded");
  }, CEILING.render);

  it("refuses a callback whose token is not ours for that generation", async () => {
    const user = await userWithCredits("free");
    const row = await createGeneration(user.id, { status: "running", provider: "kling" });
    const body = JSON.stringify({ task_id: "1", task_status: "succeed", task_info: { external_task_id: row.id } });
    const forged = await callbackRoute(await authedRequest(`/api/engines/kling/callback?generation=${row.id}&token=forged`, null, { method: "POST", body }));
    expect(forged.status).toBe(403);
    const missing = await callbackRoute(await authedRequest(`/api/engines/kling/callback`, null, { method: "POST", body }));
    expect(missing.status).toBe(403);
  });

  it("keeps a remote job alive in the queue past the default poll ceiling and the job deadline", () => {
    const { pollTimeoutMs } = klingConfig({ KLING_API_KEY: "k" });
    expect(pollTimeoutMs).toBeGreaterThanOrEqual(60 * 60_000);
    expect(GENERATION_JOB_OPTIONS.expireInSeconds * 1000).toBeGreaterThan(JOB_DEADLINE_MS);
    expect(JOB_DEADLINE_MS).toBeGreaterThan(pollTimeoutMs);
  });
});

describe("storyboards on kling-v3 (multi_shot), against the fake Kling's multi-shot rules", () => {
  const storyboard: GenerationRequestInput = {
    kind: "text_to_video",
    duration: 15,
    shots: [
      { prompt: "a harbour at dawn", duration: 4 },
      { prompt: "boats leave the harbour", duration: 5 },
      { prompt: "the open sea at noon", duration: 6 },
    ],
  };

  it("submits one customize task with every shot as strings, charges 15 s once, and a retried download never submits again", async () => {
    settings({ ENGINE_STANDARD: "kling:kling-v3" });
    fake.mediaFailures = 1;
    const user = await userWithCredits("free");
    const before = await creditBalance(user.id);
    const id = await submit(user, storyboard);
    const g = await waitForEnd(id);
    expect(g).toMatchObject({ status: "succeeded", attempts: 2, cost: 30, durationSeconds: 15 });
    expect(await creditBalance(user.id)).toBe(before - 30);
    const [task, ...others] = fake.tasksFor(id);
    expect(others).toHaveLength(0);
    expect(fake.createRequests(id)).toHaveLength(1);
    expect(task!.body).toEqual({
      model_name: "kling-v3",
      mode: "std",
      duration: "15",
      multi_shot: true,
      shot_type: "customize",
      multi_prompt: [
        { index: 1, prompt: "a harbour at dawn", duration: "4" },
        { index: 2, prompt: "boats leave the harbour", duration: "5" },
        { index: 3, prompt: "the open sea at noon", duration: "6" },
      ],
      aspect_ratio: "16:9",
      external_task_id: id,
      callback_url: expect.any(String),
    });
  }, CEILING.render);

  it("sends an automatic image-to-video storyboard as intelligence with its prompt and start frame", async () => {
    settings({ ENGINE_STANDARD: "kling:kling-v3" });
    const user = await userWithCredits("free");
    const start = (await storeUploadedImage(user.id, encodeImage("png", 640, 480))).asset;
    const id = await submit(user, { kind: "image_to_video", startImageId: start.id, prompt: "Dawn over the bay. Then the boats sail out.", duration: 7, shotType: "automatic" });
    expect((await waitForEnd(id)).status).toBe("succeeded");
    const [task] = fake.tasksFor(id);
    expect(task!.endpoint).toBe("image2video");
    expect(task!.body).toMatchObject({ model_name: "kling-v3", duration: "7", multi_shot: true, shot_type: "intelligence", prompt: "Dawn over the bay. Then the boats sail out." });
    expect(task!.body).not.toHaveProperty("multi_prompt");
  }, CEILING.render);

  it("refuses a storyboard on a model without multi_shot before anything is charged or sent", async () => {
    const user = await userWithCredits("free");
    const before = await creditBalance(user.id);
    await expect(submit(user, { ...storyboard, duration: 10, shots: [{ prompt: "a", duration: 5 }, { prompt: "b", duration: 5 }] })).rejects.toMatchObject({
      code: "unsupported",
      field: "shots",
      message: "The kling engine (kling-v1) cannot make storyboards (several shots in one video). Write a single prompt instead.",
    });
    expect(await creditBalance(user.id)).toBe(before);
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(0);
  });
});

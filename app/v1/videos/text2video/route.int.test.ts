import { afterAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/lib/api-keys/keys";
import { creditBalance } from "@/lib/credits/ledger";
import { db } from "@/lib/db/client";
import { stopQueue } from "@/lib/queue/boss";
import { apiCaller, callApi } from "@/tests/support/api";
import { createGeneration, storeTestMedia } from "@/tests/support/generations";
import { klingJwt, type KlingTask } from "@/tests/support/kling-client";
import { GET as getMedia } from "@/app/api/media/signed/[token]/route";
import { GET as getOne } from "./[id]/route";
import { GET as list, POST as create } from "./route";
import { CEILING } from "@/tests/support/ceilings";

afterAll(() => stopQueue());

const submit = (authorization: string, body: unknown, headers?: Record<string, string>) => callApi(create, { method: "POST", path: "/v1/videos/text2video", authorization, body, headers });

describe("POST /v1/videos/text2video", () => {
  it("creates a task from Kling's fields, charged like the studio, in Kling's envelope", async () => {
    const caller = await apiCaller("standard");
    const answer = await submit(caller.bearer, {
      model_name: "kling-v1-6",
      prompt: "a red kite over dunes",
      negative_prompt: "people",
      cfg_scale: 0.7,
      mode: "pro",
      duration: "10",
      aspect_ratio: "1:1",
      camera_control: { type: "simple", config: { horizontal: 0, vertical: 0, pan: 3, tilt: 0, roll: 0, zoom: 0 } },
      callback_url: "https://hooks.example.com/kling",
      external_task_id: "job-1",
    });
    expect(answer).toMatchObject({ httpStatus: 200, code: 0, message: "SUCCEED", request_id: expect.any(String) });
    expect(answer.headers.get("x-request-id")).toBe(answer.request_id);
    const task = answer.data!;
    expect(task).toMatchObject({ task_status: "submitted", task_status_msg: "", task_info: { external_task_id: "job-1" }, task_result: { videos: [] } });
    expect(task.created_at).toBeGreaterThan(1_700_000_000_000);
    const g = await db().generation.findUniqueOrThrow({ where: { id: task.task_id } });
    expect(g).toMatchObject({
      userId: caller.userId,
      kind: "text_to_video",
      status: "queued",
      prompt: "a red kite over dunes",
      negativePrompt: "people",
      cfgScale: 0.7,
      mode: "professional",
      durationSeconds: 10,
      aspectRatio: "1:1",
      cameraControl: { type: "axis", axis: "pan", value: 3 },
      externalTaskId: "job-1",
      callbackUrl: "https://hooks.example.com/kling",
    });
    expect(task.final_unit_deduction).toBe(String(g.cost));
    expect(await creditBalance(caller.userId)).toBe(500 - g.cost);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: caller.keyId } })).lastUsedAt).not.toBeNull();
  });

  it("refuses bad and unsupported fields with 1201 naming the field, charging nothing", async () => {
    const caller = await apiCaller();
    for (const [body, message] of [
      [{ prompt: "x", duration: "16" }, /^Invalid duration: must be "3" to "15"/],
      [{ prompt: "x", mode: "turbo" }, /^Invalid mode: std or pro/],
      [{ prompt: "x", multi_shot: true }, /^Invalid shot_type: required when multi_shot is true/],
      [{ prompt: "x", wobble: 1 }, /^Unknown field wobble/],
      [{ prompt: "x", model_name: "kling-v9" }, /^Invalid model_name: one of kling-v1/],
      [{ prompt: "x", cfg_scale: 2 }, /^Invalid cfg_scale: from 0 to 1/],
      [{ prompt: "x", callback_url: "ftp://example.com" }, /^Invalid callback_url/],
      [{ prompt: "x", callback_url: "http://169.254.169.254/latest" }, /^Invalid callback_url: that URL points to a private or local address; only public addresses are reachable\.$/],
      [{ prompt: "x", camera_control: { type: "simple", config: { pan: 1, tilt: 1 } } }, /camera_control\.config/],
      [{ prompt: "" }, /^Invalid prompt: /],
      [{ negative_prompt: "x" }, /^Invalid prompt: /],
    ] as const) {
      const answer = await submit(caller.bearer, body);
      expect(answer, JSON.stringify(body)).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringMatching(message) });
      expect(answer.data).toBeUndefined();
    }
    expect(await submit(caller.bearer, "{not json")).toMatchObject({ httpStatus: 400, code: 1200 });
    expect(await db().generation.count({ where: { userId: caller.userId } })).toBe(0);
    expect(await creditBalance(caller.userId)).toBe(500);
  });

  it("takes a storyboard as Kling's multi_shot fields, with string durations, priced per second of the whole", async () => {
    const caller = await apiCaller("standard");
    const answer = await submit(caller.bearer, {
      duration: "15",
      multi_shot: true,
      shot_type: "customize",
      multi_prompt: [
        { index: 2, prompt: "boats leave", duration: "5" },
        { index: 1, prompt: "a harbour at dawn", duration: "4" },
        { index: 3, prompt: "the open sea", duration: 6 },
      ],
    });
    expect(answer).toMatchObject({ httpStatus: 200, code: 0 });
    const g = await db().generation.findUniqueOrThrow({ where: { id: answer.data!.task_id } });
    expect(g).toMatchObject({ durationSeconds: 15, cost: 30 });
    expect((g.params as { request: { shots: unknown; shotType: string } }).request).toMatchObject({
      shotType: "custom",
      shots: [
        { prompt: "a harbour at dawn", duration: 4 },
        { prompt: "boats leave", duration: 5 },
        { prompt: "the open sea", duration: 6 },
      ],
    });
    const automatic = await submit(caller.bearer, { prompt: "Dawn. Then the boats leave.", duration: "8", multi_shot: true, shot_type: "intelligent" });
    const split = await db().generation.findUniqueOrThrow({ where: { id: automatic.data!.task_id } });
    expect((split.params as { request: { shots: unknown } }).request.shots).toEqual([
      { prompt: "Dawn.", duration: 4 },
      { prompt: "the boats leave.", duration: 4 },
    ]);
  });

  it("refuses bad storyboards with 1201 naming Kling's field, before any charge", async () => {
    const caller = await apiCaller();
    const shots = (...lengths: number[]) => lengths.map((duration, i) => ({ index: i + 1, prompt: `shot ${i + 1}`, duration: String(duration) }));
    for (const [body, message] of [
      [{ multi_shot: true, shot_type: "customize", duration: "5" }, /^Invalid multi_prompt: required when shot_type is customize/],
      [{ multi_shot: true, shot_type: "intelligence", duration: "5" }, /^Invalid prompt: An automatic storyboard is split from the prompt/],
      [{ multi_shot: true, shot_type: "customize", duration: "10", multi_prompt: shots(4, 5) }, /^Invalid multi_prompt: The shots last 4 \+ 5 = 9 s but the video's length is 10 s/],
      [{ multi_shot: true, shot_type: "customize", duration: "5", multi_prompt: shots(5) }, /^Invalid multi_prompt: .*2 to 6 shots/],
      [{ multi_shot: true, shot_type: "customize", duration: "14", multi_prompt: shots(2, 2, 2, 2, 2, 2, 2) }, /^Invalid multi_prompt: .*2 to 6 shots/],
      [{ multi_shot: true, shot_type: "customize", duration: "5", multi_prompt: shots(5, 0) }, /^Invalid multi_prompt: Shot 2: its length must be a whole number of seconds, at least 1/],
      [{ multi_shot: true, shot_type: "customize", duration: "5", multi_prompt: [{ index: 1, prompt: "x".repeat(513), duration: "3" }, { index: 2, prompt: "y", duration: "2" }] }, /^Invalid multi_prompt\.0\.prompt: at most 512 characters/],
      [{ multi_shot: true, shot_type: "customize", duration: "5", multi_prompt: [{ index: 1, prompt: "a", duration: "3" }, { index: 3, prompt: "b", duration: "2" }] }, /^Invalid multi_prompt: the indexes must be 1 to 2, each once; 2 is missing/],
      [{ prompt: "x", shot_type: "customize" }, /^Invalid multi_shot: must be true when shot_type or multi_prompt is given/],
      [{ prompt: "x", multi_shot: true, shot_type: "freestyle" }, /^Invalid shot_type: customize or intelligence/],
    ] as const) {
      const answer = await submit(caller.bearer, body);
      expect(answer, JSON.stringify(body)).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringMatching(message) });
    }
    expect(await db().generation.count({ where: { userId: caller.userId } })).toBe(0);
    expect(await creditBalance(caller.userId)).toBe(500);
  });

  it("refuses a storyboard or a free length where the configured engine cannot make it, with 1201", async () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { ENGINE_STANDARD: "kling:kling-v2-6", KLING_API_KEY: "k" });
      const caller = await apiCaller();
      const storyboard = await submit(caller.bearer, { multi_shot: true, shot_type: "intelligence", prompt: "Dawn. Dusk.", duration: "10" });
      expect(storyboard).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringMatching(/cannot make storyboards/) });
      const length = await submit(caller.bearer, { prompt: "x", duration: "7" });
      expect(length).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringMatching(/cannot make 7 s videos in standard mode\. Choose 5 or 10 seconds/) });
      expect(await db().generation.count({ where: { userId: caller.userId } })).toBe(0);
    } finally {
      process.env = saved;
    }
  });

  it("maps the studio's refusals to Kling's codes: plan 1103, credits 1102", async () => {
    const free = await apiCaller("free");
    expect(await submit(free.bearer, { prompt: "x", mode: "pro" })).toMatchObject({ httpStatus: 403, code: 1103, message: expect.stringMatching(/Professional mode/) });
    const broke = await apiCaller("free", 0);
    expect(await submit(broke.bearer, { prompt: "x" })).toMatchObject({ httpStatus: 429, code: 1102, message: expect.stringMatching(/needs 10 credits/) });
  });

  it("keeps external_task_id unique per user, but not across users", async () => {
    const [a, b] = [await apiCaller(), await apiCaller()];
    const first = await submit(a.bearer, { prompt: "x", external_task_id: "nightly-7" });
    const again = await submit(a.bearer, { prompt: "y", external_task_id: "nightly-7" });
    expect(again).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringContaining(`already used by task ${first.data!.task_id}`) });
    expect(await submit(b.bearer, { prompt: "x", external_task_id: "nightly-7" })).toMatchObject({ code: 0 });
    // Two at once: the unique index lets exactly one through, and only it is charged.
    const racing = await Promise.all([1, 2, 3].map((n) => submit(a.bearer, { prompt: `race ${n}`, external_task_id: "race" })));
    expect(racing.map((r) => r.code).sort()).toEqual([0, 1201, 1201]);
    expect(await creditBalance(a.userId)).toBe(500 - 20);
  });

  it("replays a create retried with the same Idempotency-Key", async () => {
    const caller = await apiCaller();
    const one = await submit(caller.bearer, { prompt: "x", external_task_id: "idem" }, { "idempotency-key": "k1" });
    const two = await submit(caller.bearer, { prompt: "x", external_task_id: "idem" }, { "idempotency-key": "k1" });
    expect(two.data!.task_id).toBe(one.data!.task_id);
    expect(await creditBalance(caller.userId)).toBe(490);
  });
});

describe("authentication", () => {
  it("answers Kling's codes for missing, malformed, forged, expired and revoked credentials", async () => {
    const caller = await apiCaller();
    const now = Math.floor(Date.now() / 1000);
    const cases: [string | undefined, number][] = [
      [undefined, 1001],
      ["Token abc", 1002],
      [`Bearer ${klingJwt(caller.accessKey, "sk_wrong")}`, 1000],
      [`Bearer ${klingJwt("ak_unknown", caller.secretKey)}`, 1000],
      [`Bearer ${klingJwt(caller.accessKey, caller.secretKey, { exp: now - 3600, nbf: now - 7200 })}`, 1004],
      [`Bearer ${klingJwt(caller.accessKey, caller.secretKey, { nbf: now + 3600 })}`, 1003],
      [`Bearer ${caller.accessKey}.wrong-secret`, 1000],
    ];
    for (const [authorization, code] of cases) {
      expect(await callApi(list, { path: "/v1/videos/text2video", authorization }), authorization).toMatchObject({ httpStatus: 401, code });
    }
    expect(await callApi(list, { path: "/v1/videos/text2video", authorization: `Bearer ${caller.accessKey}.${caller.secretKey}` })).toMatchObject({ httpStatus: 200, code: 0 });
    await revokeApiKey(caller.userId, caller.keyId);
    expect(await callApi(list, { path: "/v1/videos/text2video", authorization: caller.bearer })).toMatchObject({ httpStatus: 401, code: 1000 });
  });

  it("limits requests per key with 429 and code 1302", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    try {
      const [busy, other] = [await apiCaller(), await apiCaller()];
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await callApi(list, { path: "/v1/videos/text2video", authorization: busy.bearer })).code);
      expect(codes).toEqual([0, 0, 0, 1302]);
      const limited = await callApi(list, { path: "/v1/videos/text2video", authorization: busy.bearer });
      expect(limited).toMatchObject({ httpStatus: 429, code: 1302 });
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await callApi(list, { path: "/v1/videos/text2video", authorization: other.bearer })).code).toBe(0);
    } finally {
      delete process.env.API_RATE_LIMIT_PER_MINUTE;
    }
  });
});

describe("GET /v1/videos/text2video", () => {
  it("finds a task by task_id or external_task_id, and never another user's", async () => {
    const [owner, stranger] = [await apiCaller(), await apiCaller()];
    const g = await createGeneration(owner.userId, { status: "running", attempts: 1, externalTaskId: "ext-1" });
    for (const id of [g.id, "ext-1"]) {
      const answer = await callApi(getOne, { path: `/v1/videos/text2video/${id}`, authorization: owner.bearer, params: { id } });
      expect(answer).toMatchObject({ code: 0, data: { task_id: g.id, task_status: "processing", task_info: { external_task_id: "ext-1" } } });
    }
    for (const id of [g.id, "ext-1"]) {
      expect(await callApi(getOne, { path: `/v1/videos/text2video/${id}`, authorization: stranger.bearer, params: { id } })).toMatchObject({ httpStatus: 404, code: 1203 });
    }
    // An image-to-video task is not found under text2video.
    const i2v = await createGeneration(owner.userId, { kind: "image_to_video" });
    expect(await callApi(getOne, { path: `/v1/videos/text2video/${i2v.id}`, authorization: owner.bearer, params: { id: i2v.id } })).toMatchObject({ code: 1203 });
  });

  it("reports Kling's statuses, a failure's reason, and a signed, expiring link to the video", async () => {
    // A paid plan is served the stored file itself (free plans get a watermarked copy, which needs a real video).
    const caller = await apiCaller("standard");
    const failed = await createGeneration(caller.userId, { status: "failed", error: "The engine crashed. Your 10 credits were refunded.", refundedAt: new Date() });
    const answer = await callApi(getOne, { path: `/x/${failed.id}`, authorization: caller.bearer, params: { id: failed.id } });
    expect(answer.data).toMatchObject({ task_status: "failed", task_status_msg: "The engine crashed. Your 10 credits were refunded.", final_unit_deduction: "0" });
    expect(answer.code).toBe(0);

    const video = await storeTestMedia(caller.userId, "video", "not really an mp4 but bytes");
    const done = await createGeneration(caller.userId, { status: "succeeded", outputVideoId: video.id, outputDurationMs: 5042 });
    const task = (await callApi<KlingTask>(getOne, { path: `/x/${done.id}`, authorization: caller.bearer, params: { id: done.id } })).data!;
    expect(task).toMatchObject({ task_status: "succeed", task_result: { videos: [{ id: video.id, duration: "5.042" }] } });
    const url = new URL(task.task_result.videos[0]!.url);
    expect(url.origin).toBe("http://localhost:3000");
    const token = url.pathname.split("/").pop()!;
    const { NextRequest } = await import("next/server");
    // The link works with no session at all, for anyone holding it, until it expires.
    const fetched = await getMedia(new NextRequest(url), { params: Promise.resolve({ token }) });
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toBe("not really an mp4 but bytes");
    const tampered = token.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await getMedia(new NextRequest(url), { params: Promise.resolve({ token: tampered }) })).status).toBe(403);
    const [id, , sig] = token.split(".");
    expect((await getMedia(new NextRequest(url), { params: Promise.resolve({ token: `${id}.1000.${sig}` }) })).status).toBe(403);
  }, CEILING.render);

  it("lists the user's tasks of the kind newest first, a page at a time", async () => {
    const caller = await apiCaller();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await createGeneration(caller.userId, { createdAt: new Date(Date.UTC(2026, 0, i + 1)) })).id);
    await createGeneration(caller.userId, { kind: "image_to_video" });
    const page = async (n: number, size: number) => (await callApi<KlingTask[]>(list, { path: `/v1/videos/text2video?pageNum=${n}&pageSize=${size}`, authorization: caller.bearer })).data!.map((t) => t.task_id);
    expect(await page(1, 2)).toEqual([ids[4], ids[3]]);
    expect(await page(3, 2)).toEqual([ids[0]]);
    expect(await page(1, 30)).toHaveLength(5);
    expect(await callApi(list, { path: "/v1/videos/text2video?pageSize=501", authorization: caller.bearer })).toMatchObject({ code: 1201, message: expect.stringMatching(/^Invalid pageSize/) });
  });
});

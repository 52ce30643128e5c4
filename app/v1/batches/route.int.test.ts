import { afterAll, describe, expect, it } from "vitest";
import { apiCaller, callApi } from "@/tests/support/api";
import { storeTestMedia } from "@/tests/support/generations";
import { creditBalance } from "@/lib/credits/ledger";
import { db } from "@/lib/db/client";
import type { BatchSummary } from "@/lib/generations/batch-view";
import { claimGeneration, completeGeneration, endWithoutVideo } from "@/lib/generations/transitions";
import { stopQueue } from "@/lib/queue/boss";
import { GET as getBatch } from "./[id]/route";
import { GET as listBatches, POST } from "./route";

afterAll(() => stopQueue());

const text = (prompt: string, extra: Record<string, unknown> = {}) => ({ kind: "text_to_video", prompt, ...extra });
const submit = (bearer: string, body: unknown, key?: string) =>
  callApi<BatchSummary>(POST, { method: "POST", path: "/v1/batches", authorization: bearer, body, headers: key ? { "idempotency-key": key } : {} });

describe("POST /v1/batches", () => {
  it("submits every request as one batch, one charge per job, and a retry with the same key is charged once", async () => {
    const caller = await apiCaller("free", 500);
    const body = { requests: [text("a red kite"), text("a blue kite", { count: 2 }), text("a green kite")] };
    const first = await submit(caller.bearer, body, "batch-1");
    expect(first.code).toBe(0);
    expect(first.data).toMatchObject({ total: 4, done: false, counts: { queued: 4, running: 0, succeeded: 0 } });
    const ids = first.data!.task_ids;
    const spends = await db().creditEntry.findMany({ where: { generationId: { in: ids }, reason: "spend" } });
    expect(spends).toHaveLength(4);
    expect(await creditBalance(caller.userId)).toBe(500 - 4 * 10);

    const again = await submit(caller.bearer, body, "batch-1");
    expect(again.data!.batch_id).toBe(first.data!.batch_id);
    expect(await creditBalance(caller.userId)).toBe(460);
    const reused = await submit(caller.bearer, { requests: [text("something else")] }, "batch-1");
    expect(reused).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringMatching(/already used for a different batch/) });

    const listed = await callApi<BatchSummary[]>(listBatches, { path: "/v1/batches", authorization: caller.bearer });
    expect(listed.data!.map((b) => b.batch_id)).toEqual([first.data!.batch_id]);
  });

  it("accepts all or none: a refused request or a short balance leaves no job, no batch and no charge", async () => {
    const caller = await apiCaller("free", 25);
    const pro = await submit(caller.bearer, { requests: [text("fine"), text("too good", { mode: "professional" })] });
    expect(pro).toMatchObject({ code: 1103, message: expect.stringMatching(/^Request 2: Professional mode/) });
    const poor = await submit(caller.bearer, { requests: [text("one"), text("two"), text("three")] });
    expect(poor).toMatchObject({ code: 1102 });
    expect(await db().batch.count({ where: { userId: caller.userId } })).toBe(0);
    expect(await db().generation.count({ where: { userId: caller.userId } })).toBe(0);
    expect(await creditBalance(caller.userId)).toBe(25);
  });

  it("refuses more than 100 videos, an empty batch and unknown fields, with the field named", async () => {
    const caller = await apiCaller("free", 0);
    const many = await submit(caller.bearer, { requests: Array.from({ length: 26 }, () => text("x", { count: 4 })) });
    expect(many).toMatchObject({ code: 1201, message: expect.stringMatching(/at most 100 videos/) });
    expect(await submit(caller.bearer, { requests: [] })).toMatchObject({ code: 1201, message: expect.stringMatching(/requests/) });
    expect(await submit(caller.bearer, { requests: [text("x")], priority: "high" })).toMatchObject({ code: 1201 });
  });

  it("is done once its last job ends, recording one callback however the jobs end, and others cannot see it", async () => {
    const caller = await apiCaller("free", 500);
    const submitted = await submit(caller.bearer, { requests: [text("one"), text("two"), text("three")], callback_url: "https://example.com/hook" });
    const [a, b, c] = submitted.data!.task_ids as [string, string, string];
    const video = await storeTestMedia(caller.userId, "video", "clip");
    const poster = await storeTestMedia(caller.userId, "poster", "poster");
    const claim = await claimGeneration(a);
    if (claim.kind !== "claimed") throw new Error("not claimed");
    await completeGeneration(a, claim.generation.attempts, { outputVideoId: video.id, thumbnailId: poster.id, width: 64, height: 36, fps: 24, outputDurationMs: 250, outputSize: 1 });
    expect(await db().batch.findUniqueOrThrow({ where: { id: submitted.data!.batch_id } })).toMatchObject({ finishedAt: null });
    // The last two end at the same moment: exactly one of them finishes the batch.
    await Promise.all([b, c].map((id) => endWithoutVideo(id, { status: "canceled", userId: caller.userId })));

    const view = await callApi<BatchSummary>(getBatch, { path: `/v1/batches/${submitted.data!.batch_id}`, authorization: caller.bearer, params: { id: submitted.data!.batch_id } });
    expect(view.data).toMatchObject({ done: true, total: 3, counts: { succeeded: 1, canceled: 2, queued: 0, running: 0 } });
    const callbacks = await db().apiCallback.findMany({ where: { generationId: submitted.data!.batch_id } });
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ url: "https://example.com/hook", status: "done", body: expect.objectContaining({ done: true, counts: expect.objectContaining({ canceled: 2 }) }) });

    const stranger = await apiCaller("free", 0);
    const hidden = await callApi(getBatch, { path: `/v1/batches/${submitted.data!.batch_id}`, authorization: stranger.bearer, params: { id: submitted.data!.batch_id } });
    expect(hidden).toMatchObject({ httpStatus: 404, code: 1203 });
  });
});

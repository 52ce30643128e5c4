import { afterAll, describe, expect, it } from "vitest";
import { createTestUser } from "@/tests/support/users";
import { creditBalance, grantCredits } from "../credits/ledger";
import { db } from "../db/client";
import { stopQueue } from "../queue/boss";
import { generationRequestSchema } from "../validation/generation";
import { submitGeneration } from "./submit";
import { sweepStuckGenerations } from "./sweeper";
import { claimGeneration, completeGeneration, endWithoutVideo, JobStoppedError, reportProgress, STALE_AFTER_MS } from "./transitions";

afterAll(() => stopQueue());

async function queuedBatch(plan: "free" | "standard", count: number) {
  const user = await createTestUser(plan);
  await grantCredits({ userId: user.id, source: "promo", amount: 500, expiresAt: new Date("2099-01-01"), externalRef: `p-${user.id}` });
  const request = generationRequestSchema.parse({ kind: "text_to_video", prompt: "lanterns over a lake", count });
  const { generations } = await submitGeneration({ id: user.id, email: user.email, name: null, plan }, request);
  return { user, ids: generations.map((g) => g.id) };
}

/** As if this job's worker died a while ago (touching only this test's own row). */
const goQuiet = (id: string) => db().generation.update({ where: { id }, data: { heartbeatAt: new Date(Date.now() - STALE_AFTER_MS - 5_000) } });

const status = async (id: string) => (await db().generation.findUniqueOrThrow({ where: { id } })).status;

describe("job state machine", () => {
  it("holds extra jobs queued beyond the plan's concurrency (free: 1 at a time)", async () => {
    const { ids } = await queuedBatch("free", 2);
    expect((await claimGeneration(ids[0]!)).kind).toBe("claimed");
    expect((await claimGeneration(ids[1]!)).kind).toBe("wait");
    expect(await status(ids[1]!)).toBe("queued");
  });

  it("lets a paid plan run several at once, never more than its limit even when claimed concurrently", async () => {
    const { ids } = await queuedBatch("standard", 4);
    const claims = await Promise.all(ids.map((id) => claimGeneration(id)));
    expect(claims.filter((c) => c.kind === "claimed")).toHaveLength(3);
    expect(claims.filter((c) => c.kind === "wait")).toHaveLength(1);
  });

  it("cancels a queued job at once and refunds it, exactly once however many cancels race", async () => {
    const { user, ids } = await queuedBatch("free", 1);
    const before = await creditBalance(user.id);
    const results = await Promise.all([1, 2, 3].map(() => endWithoutVideo(ids[0]!, { status: "canceled", userId: user.id })));
    expect(results.filter((r) => r === 10)).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(2);
    expect(await creditBalance(user.id)).toBe(before + 10);
    expect((await claimGeneration(ids[0]!)).kind).toBe("done");
  });

  it("stops a running job at its next progress step after a cancel", async () => {
    const { user, ids } = await queuedBatch("free", 1);
    const claim = await claimGeneration(ids[0]!);
    if (claim.kind !== "claimed") throw new Error("not claimed");
    await reportProgress(ids[0]!, claim.generation.attempts, 30);
    await endWithoutVideo(ids[0]!, { status: "canceled", userId: user.id });
    await expect(reportProgress(ids[0]!, claim.generation.attempts, 40)).rejects.toBeInstanceOf(JobStoppedError);
    const done = await completeGeneration(ids[0]!, claim.generation.attempts, {
      outputVideoId: "x", thumbnailId: "y", width: 1, height: 1, fps: 24, outputDurationMs: 5000, outputSize: 1,
    });
    expect(done).toBe(false);
    expect(await status(ids[0]!)).toBe("canceled");
  });

  it("refuses a cancel of someone else's job", async () => {
    const { ids } = await queuedBatch("free", 1);
    const stranger = await createTestUser();
    expect(await endWithoutVideo(ids[0]!, { status: "canceled", userId: stranger.id })).toBeNull();
    expect(await status(ids[0]!)).toBe("queued");
  });

  it("requeues a job whose worker died, and the retry takes it over from the dead attempt", async () => {
    const { ids } = await queuedBatch("free", 1);
    const first = await claimGeneration(ids[0]!);
    if (first.kind !== "claimed") throw new Error("not claimed");
    expect((await claimGeneration(ids[0]!)).kind).toBe("busy"); // alive: nobody else takes it

    await goQuiet(ids[0]!);
    expect((await sweepStuckGenerations()).requeued).toBeGreaterThanOrEqual(1);
    expect(await status(ids[0]!)).toBe("queued");
    const second = await claimGeneration(ids[0]!);
    expect(second.kind).toBe("claimed");
    // The dead attempt can no longer report or finish.
    await expect(reportProgress(ids[0]!, first.generation.attempts, 50)).rejects.toBeInstanceOf(JobStoppedError);
  });

  it("fails and refunds, once, a job whose workers keep dying", async () => {
    const { user, ids } = await queuedBatch("free", 1);
    const before = await creditBalance(user.id);
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await claimGeneration(ids[0]!)).kind).toBe("claimed");
      await goQuiet(ids[0]!);
      await sweepStuckGenerations();
    }
    const g = await db().generation.findUniqueOrThrow({ where: { id: ids[0]! } });
    expect(g).toMatchObject({ status: "failed", errorCode: "worker_lost", attempts: 4 });
    expect(g.refundedAt).not.toBeNull();
    expect(await creditBalance(user.id)).toBe(before + 10);
    expect(await db().creditEntry.count({ where: { ref: ids[0]!, reason: "refund" } })).toBe(1);
  });

  it("fails and refunds a job past its deadline", async () => {
    const { ids } = await queuedBatch("free", 1);
    await db().generation.update({ where: { id: ids[0]! }, data: { createdAt: new Date(Date.now() - 3 * 3600_000) } });
    const result = await sweepStuckGenerations();
    expect(result.failed).toBeGreaterThanOrEqual(1);
    const g = await db().generation.findUniqueOrThrow({ where: { id: ids[0]! } });
    expect(g).toMatchObject({ status: "failed", errorCode: "deadline" });
    expect(g.error).toMatch(/did not finish within 120 minutes/);
  });
});

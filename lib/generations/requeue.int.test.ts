import { afterAll, describe, expect, it } from "vitest";
import { createTestUser } from "@/tests/support/users";
import { grantCredits } from "../credits/ledger";
import { db } from "../db/client";
import { QUEUES, stopQueue } from "../queue/boss";
import { generationRequestSchema } from "../validation/generation";
import { submitGeneration } from "./submit";
import { sweepStuckGenerations } from "./sweeper";
import { handBackGeneration } from "./hand-back";
import { claimGeneration, requeueGeneration, STALE_AFTER_MS } from "./transitions";

afterAll(() => stopQueue());

/** A submitted generation its first worker has claimed (attempt 1). */
async function runningJob() {
  const user = await createTestUser();
  await grantCredits({ userId: user.id, source: "promo", amount: 100, expiresAt: new Date("2099-01-01"), externalRef: `p-${user.id}` });
  const request = generationRequestSchema.parse({ kind: "text_to_video", prompt: "a lighthouse in fog" });
  const { generations } = await submitGeneration({ id: user.id, email: user.email, name: null, plan: "free" }, request);
  const id = generations[0]!.id;
  const claim = await claimGeneration(id);
  if (claim.kind !== "claimed") throw new Error(`not claimed: ${claim.kind}`);
  return id;
}

/** The generation's pg-boss jobs still waiting to be worked, with when each may start. */
const waitingJobs = (id: string) =>
  db().$queryRaw<{ start_after: Date }[]>`
    SELECT start_after FROM pgboss.job WHERE name = ${QUEUES.generation} AND state = 'created' AND data->>'generationId' = ${id} ORDER BY created_on`;

/**
 * Makes PostgreSQL refuse every pg-boss job written for this generation while `work` runs: the
 * send fails after the requeue's UPDATE, inside the same transaction, as a dropped connection or
 * a crash at that moment would.
 */
async function refusingQueueSends(id: string, work: () => Promise<void>) {
  const fn = `refuse_${id.replaceAll("-", "_")}`;
  await db().$executeRawUnsafe(`
    CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.data->>'generationId' = '${id}' THEN RAISE EXCEPTION 'injected: the queue send failed'; END IF;
      RETURN NEW;
    END $$`);
  await db().$executeRawUnsafe(`CREATE TRIGGER ${fn} BEFORE INSERT ON pgboss.job FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
  try {
    await work();
  } finally {
    await db().$executeRawUnsafe(`DROP TRIGGER ${fn} ON pgboss.job`);
    await db().$executeRawUnsafe(`DROP FUNCTION ${fn}()`);
  }
}

const row = (id: string) => db().generation.findUniqueOrThrow({ where: { id }, select: { status: true, attempts: true, error: true } });

describe("requeue", () => {
  it("commits the transition and its delayed queue message together", async () => {
    const id = await runningJob();
    const before = Date.now();
    expect(await requeueGeneration(id, 1, "ffmpeg was killed (SIGKILL)", { startAfterSeconds: 20 })).toBe(true);
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 1, error: "ffmpeg was killed (SIGKILL)" });
    const jobs = await waitingJobs(id);
    // The submit's job and the retry's, which waits out its backoff.
    expect(jobs).toHaveLength(2);
    expect(jobs[1]!.start_after.getTime()).toBeGreaterThanOrEqual(before + 19_000);
    // A stale attempt number requeues nothing and sends nothing.
    expect(await requeueGeneration(id, 1, "again")).toBe(false);
    expect(await waitingJobs(id)).toHaveLength(2);
  });

  it("leaves nothing half-committed when the send fails after the transition, and the job still runs", async () => {
    const id = await runningJob();
    await refusingQueueSends(id, async () => {
      await expect(requeueGeneration(id, 1, "transient")).rejects.toThrow(/injected: the queue send failed/);
    });
    // Not "queued with no queue message": the transition rolled back with the send.
    expect(await row(id)).toMatchObject({ status: "running", attempts: 1, error: null });
    expect(await waitingJobs(id)).toHaveLength(1);

    // Its worker is gone: once the heartbeat is stale the sweeper requeues it, message and all.
    await db().generation.update({ where: { id }, data: { heartbeatAt: new Date(Date.now() - STALE_AFTER_MS - 5_000) } });
    expect((await sweepStuckGenerations()).requeued).toBeGreaterThanOrEqual(1);
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 1 });
    expect(await waitingJobs(id)).toHaveLength(2);
    const retry = await claimGeneration(id);
    expect(retry).toMatchObject({ kind: "claimed", generation: { attempts: 2, status: "running" } });
  });

  it("keeps the sweeper's requeue atomic too: a failed send leaves the job to the next sweep", async () => {
    const id = await runningJob();
    await db().generation.update({ where: { id }, data: { heartbeatAt: new Date(Date.now() - STALE_AFTER_MS - 5_000) } });
    await refusingQueueSends(id, async () => {
      await expect(sweepStuckGenerations()).rejects.toThrow(/injected/);
    });
    expect(await row(id)).toMatchObject({ status: "running", attempts: 1 });
    expect(await waitingJobs(id)).toHaveLength(1);
    expect((await sweepStuckGenerations()).requeued).toBeGreaterThanOrEqual(1);
    expect(await waitingJobs(id)).toHaveLength(2);
  });

  it("sends a job again, once, when the worker that took its message died before claiming it", async () => {
    const user = await createTestUser();
    await grantCredits({ userId: user.id, source: "promo", amount: 100, expiresAt: new Date("2099-01-01"), externalRef: `p-${user.id}` });
    const request = generationRequestSchema.parse({ kind: "text_to_video", prompt: "a kite over dunes" });
    const { generations } = await submitGeneration({ id: user.id, email: user.email, name: null, plan: "free" }, request);
    const id = generations[0]!.id;
    // What pg-boss's fetch does to the message, then nothing: the worker was killed before its claim.
    const takeMessage = (startedAgoMs: number) => db().$executeRaw`
      UPDATE pgboss.job SET state = 'active', started_on = ${new Date(Date.now() - startedAgoMs)}
       WHERE name = ${QUEUES.generation} AND data->>'generationId' = ${id} AND state = 'created'`;
    expect(await takeMessage(1_000)).toBe(1);
    // Just taken: a live worker is about to claim it, so the sweeper leaves it alone.
    await sweepStuckGenerations();
    expect(await waitingJobs(id)).toHaveLength(0);

    await db().$executeRaw`UPDATE pgboss.job SET started_on = ${new Date(Date.now() - STALE_AFTER_MS - 5_000)} WHERE data->>'generationId' = ${id}`;
    await db().$executeRaw`UPDATE "Generation" SET "updatedAt" = ${new Date(Date.now() - STALE_AFTER_MS - 5_000)} WHERE id = ${id}`;
    expect((await sweepStuckGenerations()).requeued).toBeGreaterThanOrEqual(1);
    expect(await waitingJobs(id)).toHaveLength(1);
    const states = await db().$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE data->>'generationId' = ${id} ORDER BY created_on`;
    expect(states.map((s) => s.state)).toEqual(["cancelled", "created"]);
    // Once: the next sweep finds the dead worker's message cancelled, and the new one not yet taken.
    await sweepStuckGenerations();
    expect(await waitingJobs(id)).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 0 });
    expect(await claimGeneration(id)).toMatchObject({ kind: "claimed", generation: { attempts: 1 } });
  });

  it("leaves a message alone whose job its worker claimed, however long it runs", async () => {
    const id = await runningJob();
    await db().$executeRaw`
      UPDATE pgboss.job SET state = 'active', started_on = ${new Date(Date.now() - STALE_AFTER_MS - 5_000)}
       WHERE name = ${QUEUES.generation} AND data->>'generationId' = ${id}`;
    await sweepStuckGenerations();
    const states = await db().$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE data->>'generationId' = ${id}`;
    expect(states.map((s) => s.state)).toEqual(["active"]);
    expect(await row(id)).toMatchObject({ status: "running", attempts: 1 });
  });

  it("does not count attempts that stopping workers handed back against the job's attempts", async () => {
    const id = await runningJob();
    // Five deploys in a row, each stopping the worker rendering it: every hand-back is claimed again.
    for (let deploy = 0; deploy < 5; deploy++) {
      const current = await db().generation.findUniqueOrThrow({ where: { id } });
      expect(await handBackGeneration(current)).toBe(true);
      expect(await claimGeneration(id)).toMatchObject({ kind: "claimed" });
    }
    expect(await db().generation.findUniqueOrThrow({ where: { id }, select: { attempts: true, handBacks: true } })).toEqual({ attempts: 6, handBacks: 5 });
    // Then its worker is lost: that attempt counts, the first of its four, so it is retried, not failed.
    await db().generation.update({ where: { id }, data: { heartbeatAt: new Date(Date.now() - STALE_AFTER_MS - 5_000) } });
    await sweepStuckGenerations();
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 6 });
  });
});

import "server-only";
import { db } from "../db/client";
import { inTransaction } from "../db/transaction";
import { QUEUES, queue } from "../queue/boss";
import { attemptsUsed, enqueueGeneration, MAX_ATTEMPTS } from "./job-queue";
import { endWithoutVideo, requeueGeneration, STALE_AFTER_MS } from "./transitions";

/** How long a job may take from submit to video before it fails and refunds. */
export const JOB_DEADLINE_MS = Number(process.env.JOB_DEADLINE_MINUTES ?? 120) * 60_000;

/**
 * Runs every minute (pg-boss schedule): a running job whose worker stopped beating goes back to
 * the queue (or fails and refunds when its attempts are used up); a queued job whose message a
 * dead worker took is sent again; a job past its deadline fails and refunds. Safe to run from
 * several workers: every change is a guarded transition.
 */
export async function sweepStuckGenerations(now: Date = new Date()): Promise<{ requeued: number; failed: number }> {
  let requeued = await resendTakenMessages(now);
  let failed = 0;
  const stale = await db().generation.findMany({
    where: { status: "running", heartbeatAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } },
    select: { id: true, attempts: true, handBacks: true },
    take: 500,
  });
  for (const job of stale) {
    if (attemptsUsed(job) >= MAX_ATTEMPTS) {
      const ended = await endWithoutVideo(job.id, {
        status: "failed",
        attempt: job.attempts,
        errorCode: "worker_lost",
        error: "The worker rendering this video stopped responding too many times. Your credits were refunded.",
        now,
      });
      if (ended !== null) failed++;
      continue;
    }
    if (await requeueGeneration(job.id, job.attempts, "The worker stopped responding; retrying.")) requeued++;
  }

  const overdue = await db().generation.findMany({
    where: { status: { in: ["queued", "running"] }, createdAt: { lt: new Date(now.getTime() - JOB_DEADLINE_MS) } },
    select: { id: true },
    take: 500,
  });
  for (const job of overdue) {
    const minutes = Math.round(JOB_DEADLINE_MS / 60_000);
    const ended = await endWithoutVideo(job.id, {
      status: "failed",
      errorCode: "deadline",
      error: `This video did not finish within ${minutes} minutes. Your credits were refunded.`,
      now,
    });
    if (ended !== null) failed++;
  }
  return { requeued, failed };
}

/**
 * A worker that dies between pg-boss's fetch and the claim (SIGKILL, a lost machine) leaves its job
 * queued, with its only message active in pg-boss until pg-boss's expiry hours later and no
 * heartbeat for the pass above to miss. A live worker claims (or sends a later message and lets go)
 * within milliseconds of the fetch, so a message active past the stale timeout whose job is still
 * queued and unchanged is a dead worker's: it is cancelled and a new one sent in one transaction
 * (a second sweeper finds it cancelled and sends nothing).
 */
async function resendTakenMessages(now: Date): Promise<number> {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  await queue(); // started before the transactions below: its start-up DDL must not wait on their locks
  const taken = await db().$queryRaw<{ jobId: string; queue: string; id: string; provider: string; queueOrder: Date }[]>`
    SELECT j.id::text AS "jobId", j.name AS queue, g.id, g.provider, g."queueOrder"
      FROM pgboss.job j JOIN "Generation" g ON g.id = j.data->>'generationId'
     WHERE j.name IN (${QUEUES.generation}, ${QUEUES.remoteGeneration}) AND j.state = 'active' AND j.started_on < ${staleBefore}
       AND g.status = 'queued' AND g."updatedAt" < ${staleBefore}
     LIMIT 500`;
  let resent = 0;
  for (const { jobId, queue: name, ...generation } of taken) {
    const sent = await inTransaction(undefined, async (tx) => {
      // pg-boss's own cancel, on this transaction (its `db` option would turn the id array into JSON).
      const cancelled = await tx.$executeRaw`
        UPDATE pgboss.job SET state = 'cancelled', completed_on = now() WHERE name = ${name} AND id = ${jobId}::uuid AND state = 'active'`;
      if (cancelled === 0) return false;
      await enqueueGeneration(generation, { tx });
      return true;
    });
    if (sent) resent++;
  }
  return resent;
}

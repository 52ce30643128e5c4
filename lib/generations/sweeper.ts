import "server-only";
import { inTransaction } from "../db/transaction";
import { db } from "../db/client";
import { queue, queueDbFor } from "../queue/boss";
import { GENERATION_JOB_OPTIONS, generationQueue } from "./submit";
import { endWithoutVideo, notify, STALE_AFTER_MS } from "./transitions";

/** How long a job may take from submit to video before it fails and refunds. */
export const JOB_DEADLINE_MS = Number(process.env.JOB_DEADLINE_MINUTES ?? 120) * 60_000;
const MAX_ATTEMPTS = GENERATION_JOB_OPTIONS.retryLimit + 1;

/**
 * Runs every minute (pg-boss schedule): a running job whose worker stopped beating goes back to
 * the queue (or fails and refunds when its attempts are used up); a job past its deadline fails
 * and refunds. Safe to run from several workers: every change is a guarded transition.
 */
export async function sweepStuckGenerations(now: Date = new Date()): Promise<{ requeued: number; failed: number }> {
  let requeued = 0;
  let failed = 0;
  const stale = await db().generation.findMany({
    where: { status: "running", heartbeatAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } },
    select: { id: true, userId: true, attempts: true, provider: true },
    take: 500,
  });
  const boss = stale.length ? await queue() : null;
  for (const job of stale) {
    if (job.attempts >= MAX_ATTEMPTS) {
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
    const sent = await inTransaction(undefined, async (tx) => {
      const { count } = await tx.generation.updateMany({
        where: { id: job.id, status: "running", attempts: job.attempts },
        data: { status: "queued", progress: 0, heartbeatAt: null, error: "The worker stopped responding; retrying." },
      });
      if (count === 0) return false;
      await boss!.send(generationQueue(job.provider), { generationId: job.id }, { ...GENERATION_JOB_OPTIONS, db: queueDbFor(tx) });
      await notify(tx, job.id, job.userId, true);
      return true;
    });
    if (sent) requeued++;
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

import "server-only";
import { db } from "../db/client";
import { MAX_ATTEMPTS } from "./job-queue";
import { endWithoutVideo, requeueGeneration, STALE_AFTER_MS } from "./transitions";

/** How long a job may take from submit to video before it fails and refunds. */
export const JOB_DEADLINE_MS = Number(process.env.JOB_DEADLINE_MINUTES ?? 120) * 60_000;

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
    select: { id: true, attempts: true },
    take: 500,
  });
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

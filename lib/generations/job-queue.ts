import "server-only";
import type { Tx } from "../db/transaction";
import { QUEUES, queue, queueDbFor } from "../queue/boss";

/**
 * Job options: transient engine errors retry with backoff. A job held by a dead worker is taken
 * back by the sweeper (heartbeats); pg-boss's own expiry is only a backstop, so it must outlast
 * the longest legitimate job (a remote engine polled for over an hour) and the job deadline.
 */
export const GENERATION_JOB_OPTIONS = { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 150 * 60 } as const;

/** Attempts per generation before a transient failure (or a lost worker) becomes final and refunds. */
export const MAX_ATTEMPTS = GENERATION_JOB_OPTIONS.retryLimit + 1;

/**
 * The wait before the next attempt after a transient failure (attempt 1 failed → the first wait):
 * JOB_RETRY_SECONDS, default 5, doubling each attempt (5, 10, 20 s).
 */
export function retryBackoffSeconds(attempt: number, env: Record<string, string | undefined> = process.env): number {
  const base = Number(env.JOB_RETRY_SECONDS ?? 5);
  return (Number.isFinite(base) && base > 0 ? base : 5) * 2 ** (attempt - 1);
}

/** The queue a generation's jobs go to: a remote engine's hour of polling must not hold a local render slot. */
function generationQueue(provider: string): string {
  return provider === "local" ? QUEUES.generation : QUEUES.remoteGeneration;
}

/**
 * Sends the pg-boss job that runs a generation. Given `tx`, the job is written in that
 * transaction, so it exists exactly when the rows that queued the generation commit.
 */
export async function enqueueGeneration(generation: { id: string; provider: string }, options: { tx?: Tx; startAfterSeconds?: number } = {}): Promise<void> {
  const boss = await queue();
  await boss.send(
    generationQueue(generation.provider),
    { generationId: generation.id },
    {
      ...GENERATION_JOB_OPTIONS,
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      ...(options.tx ? { db: queueDbFor(options.tx) } : {}),
    },
  );
}

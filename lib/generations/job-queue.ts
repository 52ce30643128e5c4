import "server-only";
import { Prisma } from "../db/generated/client";
import { sql, type RawSql } from "../db/sql";
import { QUEUES, queue } from "../queue/boss";
import { prioritySql } from "./schedule";

/**
 * Job options: transient engine errors retry with backoff. A job held by a dead worker is taken
 * back by the sweeper (heartbeats); pg-boss's own expiry is only a backstop, so it must outlast
 * the longest legitimate job (a remote engine polled for over an hour) and the job deadline.
 */
export const GENERATION_JOB_OPTIONS = { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 150 * 60 } as const;

/** Attempts per generation before a transient failure (or a lost worker) becomes final and refunds. */
export const MAX_ATTEMPTS = GENERATION_JOB_OPTIONS.retryLimit + 1;

/** The attempts that count against MAX_ATTEMPTS: those a stopping worker handed back do not. */
export const attemptsUsed = (g: { attempts: number; handBacks: number }) => g.attempts - g.handBacks;

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

/** Whether the provider's jobs go to the local engine's queue (the other queue holds every remote engine's). */
export const isLocalQueue = (provider: string) => generationQueue(provider) === QUEUES.generation;

/** The user's latest queue order on the provider's queue (null when none of theirs waits there), as a scalar subquery. */
export function lastQueueOrder(userId: string, provider: string): Prisma.Sql {
  return Prisma.sql`(SELECT max("queueOrder") FROM "Generation"
                      WHERE "userId" = ${userId} AND status = 'queued' AND (provider = 'local') = ${isLocalQueue(provider)})`;
}

/**
 * An INSERT of the pg-boss job that runs each generation of `source` (a query of rows (id,
 * "queueOrder")) on the provider's queue, at the priority of its queue order: the row pg-boss's own
 * send(queue, { generationId }, GENERATION_JOB_OPTIONS) writes (job-queue.int.test.ts compares them),
 * written by our SQL so that a submit inserts its generations, spends and jobs in one statement.
 * A queue pg-boss has not created (no partition of its job table) fails the statement.
 */
export function generationJobsInsert(provider: string, source: Prisma.Sql, startAfterSeconds = 0): Prisma.Sql {
  const name = generationQueue(provider);
  const { retryLimit, retryDelay, retryBackoff, expireInSeconds } = GENERATION_JOB_OPTIONS;
  return Prisma.sql`
    INSERT INTO pgboss.job (name, data, priority, start_after, dead_letter, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy)
    SELECT ${name}, jsonb_build_object('generationId', s.id), ${prioritySql(Prisma.sql`s."queueOrder"`)}, j.start_after,
           q.dead_letter, make_interval(secs => ${expireInSeconds}),
           j.start_after + COALESCE((q.retention_minutes * 60)::text, '14 days')::interval,
           ${retryLimit}, GREATEST(${retryDelay}, 1), ${retryBackoff}, q.policy
      FROM (${source}) s,
           (SELECT now() + make_interval(secs => ${startAfterSeconds}) AS start_after) j
           LEFT JOIN pgboss.queue q ON q.name = ${name}`;
}

/**
 * Sends the pg-boss job that runs a generation, at the priority of its queue order. Given `tx`, the job is written in that
 * transaction, so it exists exactly when the rows that queued the generation commit.
 */
export async function enqueueGeneration(generation: { id: string; provider: string; queueOrder: Date }, options: { tx?: RawSql; startAfterSeconds?: number } = {}): Promise<void> {
  // pg-boss creates its queues (and their job partitions) when it starts.
  await queue();
  const source = Prisma.sql`SELECT ${generation.id}::text AS id, ${generation.queueOrder}::timestamp AS "queueOrder"`;
  await (options.tx ?? sql()).$executeRaw(generationJobsInsert(generation.provider, source, options.startAfterSeconds));
}

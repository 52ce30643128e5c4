import "server-only";
import { db } from "../db/client";
import type { Generation } from "../db/generated/client";
import { isLocalQueue } from "./job-queue";
import type { QueuePlace } from "./queue-place";

/**
 * Where queued jobs stand (lib/generations/schedule.ts sets the order) and about when they start:
 * the mean render time of the queue's last 50 jobs (within the hour), divided among the jobs
 * running on it now (its busy workers), times the jobs ahead (plus half a render for the one
 * being finished). Estimates are made from statistics at most STATS_TTL_MS old, per process.
 */

const STATS_TTL_MS = 5_000;

export type QueueStats = { renderSeconds: number | null; running: number };
let stats: { at: number; value: Promise<Map<boolean, QueueStats>> } | null = null;

function queueStats(): Promise<Map<boolean, QueueStats>> {
  if (stats && Date.now() - stats.at < STATS_TTL_MS) return stats.value;
  const value = db()
    .$queryRaw<{ local: boolean; seconds: number | null; running: number }[]>`
      SELECT q.local,
        (SELECT avg(EXTRACT(EPOCH FROM r."finishedAt" - r."startedAt"))::float8 FROM (
           SELECT "finishedAt", "startedAt" FROM "Generation"
            WHERE status = 'succeeded' AND "finishedAt" > now() - interval '1 hour' AND (provider = 'local') = q.local
            ORDER BY "finishedAt" DESC LIMIT 50) r) AS seconds,
        (SELECT count(*)::int FROM "Generation" WHERE status = 'running' AND (provider = 'local') = q.local) AS running
      FROM (VALUES (true), (false)) AS q(local)`
    .then((rows) => new Map(rows.map((r) => [r.local, { renderSeconds: r.seconds, running: r.running }])));
  stats = { at: Date.now(), value };
  value.catch(() => (stats = null));
  return value;
}

/** The place of a job with `ahead` jobs before it on a queue with these statistics. */
export function estimatePlace(ahead: number, queue: QueueStats | undefined): QueuePlace {
  if (!queue?.renderSeconds) return { ahead, etaSeconds: null };
  const busy = Math.max(queue.running, 1);
  const renders = ahead + (queue.running > 0 ? 0.5 : 0);
  return { ahead, etaSeconds: Math.round((queue.renderSeconds * renders) / busy) };
}

// The order pg-boss starts them in: the priority's whole seconds, then submission.
const ORDER = `date_trunc('second', "queueOrder"), "createdAt", id`;

/** The place of one generation; null unless it is queued. */
export async function queuePlaceOf(g: Pick<Generation, "id" | "status" | "provider" | "queueOrder" | "createdAt">): Promise<QueuePlace | null> {
  if (g.status !== "queued") return null;
  const [[row], queues] = await Promise.all([
    db().$queryRawUnsafe<{ ahead: number }[]>(
      `SELECT count(*)::int AS ahead FROM "Generation"
        WHERE status = 'queued' AND (provider = 'local') = $1 AND (${ORDER}) < (date_trunc('second', $2::timestamp), $3::timestamp, $4)`,
      isLocalQueue(g.provider),
      g.queueOrder,
      g.createdAt,
      g.id,
    ),
    queueStats(),
  ]);
  return estimatePlace(row?.ahead ?? 0, queues.get(isLocalQueue(g.provider)));
}

/** The places of the given users' queued generations, in one query over the queues. */
export async function queuePlacesOf(userIds: string[]): Promise<Map<string, { id: string; queue: QueuePlace }[]>> {
  const byUser = new Map<string, { id: string; queue: QueuePlace }[]>();
  if (userIds.length === 0) return byUser;
  const [rows, queues] = await Promise.all([
    db().$queryRawUnsafe<{ id: string; userId: string; local: boolean; ahead: number }[]>(
      `SELECT id, "userId", local, ahead FROM (
         SELECT id, "userId", (provider = 'local') AS local, (row_number() OVER (PARTITION BY provider = 'local' ORDER BY ${ORDER}) - 1)::int AS ahead
           FROM "Generation" WHERE status = 'queued') q
        WHERE "userId" = ANY($1::text[])`,
      userIds,
    ),
    queueStats(),
  ]);
  for (const row of rows) {
    let list = byUser.get(row.userId);
    if (!list) byUser.set(row.userId, (list = []));
    list.push({ id: row.id, queue: estimatePlace(row.ahead, queues.get(row.local)) });
  }
  return byUser;
}

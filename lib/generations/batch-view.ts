import "server-only";
import { db } from "../db/client";
import type { GenerationStatus } from "../db/generated/client";
import type { Tx } from "../db/transaction";

/** A batch as GET /v1/batches/:id shows it (and its callback delivers, once done). */
export type BatchSummary = {
  batch_id: string;
  created_at: number;
  finished_at: number | null;
  done: boolean;
  total: number;
  counts: Record<GenerationStatus, number>;
  /** Its generations' ids in request order: each is also a task of GET /v1/videos/<kind>/<id>. */
  task_ids: string[];
};

const STATUSES: GenerationStatus[] = ["queued", "running", "succeeded", "failed", "canceled"];

/** One of the user's batches; null for a missing id or someone else's. */
export async function batchSummary(userId: string, batchId: string, client: Tx = db()): Promise<BatchSummary | null> {
  const batch = await client.batch.findFirst({ where: { id: batchId, userId } });
  if (!batch) return null;
  const jobs = await client.generation.findMany({ where: { batchId, userId }, orderBy: { batchIndex: "asc" }, select: { id: true, status: true } });
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<GenerationStatus, number>;
  for (const job of jobs) counts[job.status]++;
  return {
    batch_id: batch.id,
    created_at: batch.createdAt.getTime(),
    finished_at: batch.finishedAt?.getTime() ?? null,
    done: batch.finishedAt !== null,
    total: jobs.length,
    counts,
    task_ids: jobs.map((j) => j.id),
  };
}

/** The user's batches, newest first; `before` is the id of the last one of the previous page. */
export async function listBatches(userId: string, page: { limit: number; before?: string }): Promise<BatchSummary[]> {
  const cursor = page.before ? await db().batch.findFirst({ where: { id: page.before, userId }, select: { createdAt: true, id: true } }) : null;
  const batches = await db().batch.findMany({
    where: { userId, ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit,
    select: { id: true },
  });
  const summaries = await Promise.all(batches.map((b) => batchSummary(userId, b.id)));
  return summaries.filter((s): s is BatchSummary => s !== null);
}

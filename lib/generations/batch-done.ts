import "server-only";
import { CALLBACK_JOB_OPTIONS } from "../api/callbacks/record";
import type { Tx } from "../db/transaction";
import { QUEUES, queue, queueDbFor } from "../queue/boss";
import { batchSummary } from "./batch-view";

/**
 * Called in the transaction that ends a generation (succeeded, failed, cancelled): when it was the
 * last active one of a batch, marks the batch finished and records its one callback. The batch row
 * is locked first, so of two jobs ending at once the second sees the first's end: exactly one
 * transaction finds nothing left active.
 */
export async function finishBatchIfDone(tx: Tx, generationId: string, now: Date = new Date()): Promise<void> {
  const [batch] = await tx.$queryRaw<{ id: string; userId: string; callbackUrl: string | null; apiKeyId: string | null; baseUrl: string | null }[]>`
    SELECT id, "userId", "callbackUrl", "apiKeyId", "baseUrl" FROM "Batch"
     WHERE id = (SELECT "batchId" FROM "Generation" WHERE id = ${generationId}) AND "finishedAt" IS NULL
       FOR UPDATE`;
  if (!batch) return;
  const active = await tx.generation.count({ where: { batchId: batch.id, status: { in: ["queued", "running"] } } });
  if (active > 0) return;
  await tx.batch.update({ where: { id: batch.id }, data: { finishedAt: now } });
  if (!batch.callbackUrl || !batch.apiKeyId) return;
  // The callback stream of a batch is keyed by its id (a generation's by the generation's).
  const body = (await batchSummary(batch.userId, batch.id, tx))!;
  await tx.apiCallback.create({ data: { generationId: batch.id, apiKeyId: batch.apiKeyId, url: batch.callbackUrl, status: "done", body } });
  const boss = await queue();
  await boss.send(QUEUES.apiCallback, { generationId: batch.id }, { ...CALLBACK_JOB_OPTIONS, db: queueDbFor(tx) });
}

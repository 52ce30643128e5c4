import "server-only";
import type { Tx } from "../../db/transaction";
import { QUEUES, queue, queueDbFor } from "../../queue/boss";
import { apiMetaOf, klingStatus, presentTask } from "../task";

/** pg-boss options of a delivery job; retries here only cover a crashed or failing worker. */
export const CALLBACK_JOB_OPTIONS = { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 } as const;

/**
 * Called in the transaction of every status transition: when the task has a callback_url and
 * its Kling status changed, records the task as it now is and enqueues its delivery, so the
 * callback exists exactly when the change commits.
 */
export async function recordCallback(tx: Tx, generationId: string): Promise<void> {
  const g = await tx.generation.findUnique({ where: { id: generationId } });
  const api = g?.callbackUrl ? apiMetaOf(g) : null;
  if (!g?.callbackUrl || !api) return;
  const status = klingStatus(g);
  // The transition holds the generation's row lock, so this read and the insert cannot interleave with another change.
  const last = await tx.apiCallback.findFirst({ where: { generationId }, orderBy: { id: "desc" }, select: { status: true } });
  if (last?.status === status) return;
  await tx.apiCallback.create({ data: { generationId, apiKeyId: api.keyId, url: g.callbackUrl, status, body: presentTask(g, api.baseUrl) } });
  const boss = await queue();
  await boss.send(QUEUES.apiCallback, { generationId }, { ...CALLBACK_JOB_OPTIONS, db: queueDbFor(tx) });
}

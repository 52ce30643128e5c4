import "server-only";
import type { Generation } from "../../db/generated/client";
import type { RawSql } from "../../db/sql";
import { generationFromRow } from "../../generations/rows";
import { QUEUES, queue, queueDbFor } from "../../queue/boss";
import { apiMetaOf, klingStatus, presentTask } from "../task";

/** pg-boss options of a delivery job; retries here only cover a crashed or failing worker. */
export const CALLBACK_JOB_OPTIONS = { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 } as const;

/**
 * Called in the transaction of every status transition: when the task has a callback_url and
 * its Kling status changed, records the task as it now is and enqueues its delivery, so the
 * callback exists exactly when the change commits.
 */
export async function recordCallback(tx: RawSql, generation: string | Generation): Promise<void> {
  const g = typeof generation === "string" ? await generationIn(tx, generation) : generation;
  const api = g?.callbackUrl ? apiMetaOf(g) : null;
  if (!g?.callbackUrl || !api) return;
  const status = klingStatus(g);
  // The transition holds the generation's row lock, so this read and the insert cannot interleave with another change.
  const [last] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status FROM "ApiCallback" WHERE "generationId" = ${g.id} ORDER BY id DESC LIMIT 1`;
  if (last?.status === status) return;
  const now = new Date();
  await tx.$executeRaw`
    INSERT INTO "ApiCallback" ("generationId", "apiKeyId", url, status, body, "nextAttemptAt", "createdAt")
    VALUES (${g.id}, ${api.keyId}, ${g.callbackUrl}, ${status}, ${JSON.stringify(presentTask(g, api.baseUrl, now))}::jsonb, ${now}, ${now})`;
  const boss = await queue();
  await boss.send(QUEUES.apiCallback, { generationId: g.id }, { ...CALLBACK_JOB_OPTIONS, db: queueDbFor(tx) });
}

async function generationIn(tx: RawSql, id: string): Promise<Generation | null> {
  const [row] = await tx.$queryRaw<Generation[]>`SELECT * FROM "Generation" WHERE id = ${id}`;
  return row ? generationFromRow(row) : null;
}

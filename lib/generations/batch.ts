import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { PublicUser } from "../auth/users";
import { creditBalance, InsufficientCreditsError } from "../credits/ledger";
import { db } from "../db/client";
import { isUniqueViolation } from "../db/sql";
import { inTransaction } from "../db/transaction";
import { DomainError } from "../errors/domain";
import type { Generation } from "../db/generated/client";
import { queue } from "../queue/boss";
import { publishQueued } from "../queue/notifications";
import type { BatchRequest } from "../validation/batch";
import { batchSummary, type BatchSummary } from "./batch-view";
import { checkAndPrice, insertGenerations, prepareRequest, requestHash, SubmitError, type PreparedRequest } from "./submit";

export type BatchOptions = {
  /** A retried submit with the same key returns the same batch, charged once. */
  idempotencyKey?: string;
  /** The key that submitted it (it signs the callback) and the origin links point at. */
  api?: { keyId: string; baseUrl: string };
  now?: Date;
};

/** Request i's refusal (same code, so /api and /v1 map it as for one request), naming the request. */
function refusalOf(error: unknown, index: number): unknown {
  if (!(error instanceof DomainError)) return error;
  const field = error.field ? `requests.${index}.${error.field}` : `requests.${index}`;
  return new DomainError(error.code, `Request ${index + 1}: ${error.message}`, field);
}

async function replay(userId: string, key: string, hash: string): Promise<BatchSummary | null> {
  const existing = await db().batch.findUnique({ where: { userId_idempotencyKey: { userId, idempotencyKey: key } } });
  if (!existing) return null;
  if (existing.requestHash !== hash) {
    throw new SubmitError("idempotency_key_reused", "This Idempotency-Key was already used for a different batch. Use a new key for a new batch.");
  }
  return batchSummary(userId, existing.id);
}

/**
 * Submits up to 100 requests as one batch: every request is checked first (a refusal names it),
 * then all generations are inserted, charged (one spend each) and queued in one transaction, so
 * either the whole batch exists and is paid for, or nothing happened.
 */
export async function submitBatch(user: PublicUser, batch: BatchRequest, options: BatchOptions = {}): Promise<{ batch: BatchSummary; replayed: boolean }> {
  // Every request's database-free refusals first, so a bad request late in the list costs no queries.
  for (const [index, request] of batch.requests.entries()) {
    try {
      checkAndPrice(user, request, {});
    } catch (error) {
      throw refusalOf(error, index);
    }
  }
  const checked: PreparedRequest[] = [];
  for (const [index, request] of batch.requests.entries()) checked.push(await prepareRequest(user, request).catch((error) => Promise.reject(refusalOf(error, index))));

  const hash = createHash("sha256")
    .update(JSON.stringify({ requests: batch.requests.map((r) => requestHash(r)), callback: batch.callback_url ?? null }))
    .digest("hex");
  const key = options.idempotencyKey;
  if (key) {
    const replayed = await replay(user.id, key, hash);
    if (replayed) return { batch: replayed, replayed: true };
  }

  const now = options.now ?? new Date();
  const batchId = randomUUID();
  const total = checked.reduce((sum, c) => sum + c.price.total, 0);
  // Started before the transaction: pg-boss's own start-up DDL must not wait on our locks.
  await queue();
  const queued: Generation[] = [];
  try {
    await inTransaction(undefined, async (tx) => {
      const size = checked.reduce((sum, c) => sum + c.request.count, 0);
      await tx.batch.create({
        data: { id: batchId, userId: user.id, idempotencyKey: key ?? null, requestHash: hash, callbackUrl: batch.callback_url ?? null, apiKeyId: options.api?.keyId ?? null, baseUrl: options.api?.baseUrl ?? null, size, createdAt: now },
      });
      let firstIndex = 0;
      for (const prepared of checked) {
        queued.push(...(await insertGenerations(tx, user, prepared, { batchId, firstIndex, idempotencyKey: null, hash: requestHash(prepared.request), now, options: { api: options.api } })));
        firstIndex += prepared.request.count;
      }
    });
    void publishQueued(queued);
  } catch (error) {
    if (error instanceof InsufficientCreditsError) {
      throw new SubmitError("insufficient_credits", new InsufficientCreditsError(total, await creditBalance(user.id, now)).message);
    }
    if (key && isUniqueViolation(error)) {
      // The same key submitted concurrently: the other request won; answer with its batch.
      const replayed = await replay(user.id, key, hash);
      if (replayed) return { batch: replayed, replayed: true };
    }
    throw error;
  }
  return { batch: (await batchSummary(user.id, batchId))!, replayed: false };
}

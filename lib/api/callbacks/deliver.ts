import "server-only";
import { secretOfKey } from "../../api-keys/keys";
import { inTransaction } from "../../db/transaction";
import { db } from "../../db/client";
import type { ApiCallback } from "../../db/generated/client";
import { everyMinute, QUEUES, queue, queueDbFor } from "../../queue/boss";
import { safeRequest } from "../safe-fetch";
import { CALLBACK_JOB_OPTIONS } from "./record";
import { SIGNATURE_HEADER, signatureHeader } from "./sign";
import { claimReceiver, receiverOf } from "./targets";
import { metrics } from "../../metrics/registry";
import { logger } from "../../log";

const log = logger("callbacks");

/** Connecting and answering together: a receiver should acknowledge at once and work afterwards. */
const TIMEOUT_MS = 5_000;
/** How soon an event waiting for its busy receiver is tried again (not counted as an attempt). */
const RECEIVER_BUSY_SECONDS = 2;
/** A worker holds the event it is delivering this long; longer than one attempt can take. */
const LEASE_SECONDS = 60;

/** Attempts per event and the first retry delay (doubling each time): 10 × from 5 s ≈ 85 minutes in all. */
const callbackRetryPolicy = () => ({
  maxAttempts: Number(process.env.API_CALLBACK_MAX_ATTEMPTS) || 10,
  firstDelaySeconds: Number(process.env.API_CALLBACK_RETRY_SECONDS) || 5,
});

/**
 * Leases the task's oldest undelivered event when it is due and nobody holds it. Only the oldest
 * can be leased, so a task's events go out strictly in order, one at a time, across all workers.
 */
async function leaseNext(generationId: string): Promise<ApiCallback | null> {
  const rows = await db().$queryRaw<{ id: bigint }[]>`
    UPDATE "ApiCallback" SET "leasedUntil" = now() + make_interval(secs => ${LEASE_SECONDS})
     WHERE id = (SELECT id FROM "ApiCallback" WHERE "generationId" = ${generationId} AND "deliveredAt" IS NULL AND "abandonedAt" IS NULL ORDER BY id LIMIT 1)
       AND "deliveredAt" IS NULL AND "abandonedAt" IS NULL
       AND ("leasedUntil" IS NULL OR "leasedUntil" < now())
       AND "nextAttemptAt" <= now()
    RETURNING id`;
  return rows[0] ? db().apiCallback.findUnique({ where: { id: rows[0].id } }) : null;
}

async function post(event: ApiCallback): Promise<string | null> {
  const secret = await secretOfKey(event.apiKeyId);
  if (!secret) return "the API key that created the task no longer exists";
  const body = JSON.stringify(event.body);
  try {
    const response = await safeRequest(event.url, {
      method: "POST",
      body,
      timeoutMs: TIMEOUT_MS,
      maxBytes: 64 * 1024,
      headers: {
        "content-type": "application/json",
        "user-agent": "Reelsmith-Callbacks/1",
        "x-reelsmith-delivery": String(event.id),
        [SIGNATURE_HEADER]: signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
      },
    });
    return response.status >= 200 && response.status < 300 ? null : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Releases the event and sends its delivery job again after the delay; a failure counts as an attempt. */
async function deliverLater(event: ApiCallback, delay: number, failure?: string): Promise<void> {
  await inTransaction(undefined, async (tx) => {
    await tx.$executeRaw`
      UPDATE "ApiCallback" SET attempts = attempts + ${failure ? 1 : 0}::int, "lastError" = COALESCE(${failure ?? null}::text, "lastError"),
             "leasedUntil" = NULL, "nextAttemptAt" = now() + make_interval(secs => ${delay})
       WHERE id = ${event.id}`;
    const boss = await queue();
    await boss.send(QUEUES.apiCallback, { generationId: event.generationId }, { ...CALLBACK_JOB_OPTIONS, startAfter: delay, db: queueDbFor(tx) });
  });
}

/**
 * A delivery job: POSTs the task's due events in order, each signed with the secret of the key
 * that created the task. A failure schedules that event again with exponential backoff (and
 * holds back the later ones, to keep the order); after the last attempt it is given up.
 */
async function deliverCallbacks(generationId: string): Promise<void> {
  const { maxAttempts } = callbackRetryPolicy();
  for (let event = await leaseNext(generationId); event; event = await leaseNext(generationId)) {
    const release = claimReceiver(receiverOf(event.url));
    if (!release) return deliverLater(event, RECEIVER_BUSY_SECONDS);
    let error: string | null;
    try {
      error = await post(event);
    } finally {
      release();
    }
    metrics().callbacks.inc({ outcome: !error ? "delivered" : event.attempts + 1 >= maxAttempts ? "abandoned" : "retry" });
    if (!error) {
      await db().apiCallback.update({ where: { id: event.id }, data: { attempts: { increment: 1 }, deliveredAt: new Date(), leasedUntil: null, lastError: null } });
      continue;
    }
    if (event.attempts + 1 >= maxAttempts) {
      log.warn({ eventId: event.id, taskId: generationId, attempts: maxAttempts, error }, "callback given up");
      await db().apiCallback.update({ where: { id: event.id }, data: { attempts: { increment: 1 }, abandonedAt: new Date(), leasedUntil: null, lastError: error } });
      continue;
    }
    return deliverLater(event, callbackRetryPolicy().firstDelaySeconds * 2 ** event.attempts, error);
  }
}

/**
 * Sends a delivery job for every task whose next event is due and nobody holds: a safety net for
 * a job lost with its worker, so an event is never left waiting forever. Returns how many it sent.
 */
export async function sendDueCallbacks(): Promise<number> {
  const due = await db().$queryRaw<{ generationId: string }[]>`
    SELECT DISTINCT "generationId" FROM "ApiCallback"
     WHERE "deliveredAt" IS NULL AND "abandonedAt" IS NULL
       AND "nextAttemptAt" < now() - make_interval(secs => 30)
       AND ("leasedUntil" IS NULL OR "leasedUntil" < now())
     LIMIT 500`;
  const boss = due.length ? await queue() : null;
  for (const { generationId } of due) await boss!.send(QUEUES.apiCallback, { generationId }, CALLBACK_JOB_OPTIONS);
  return due.length;
}

/** Registers the delivery consumers (a slow receiver holds at most one of them) and, with `sweep`, the minutely safety net. */
export async function startCallbackWorker(options: { sweep?: boolean } = {}): Promise<void> {
  const boss = await queue();
  for (let i = 0; i < 3; i++) {
    await boss.work<{ generationId: string }>(QUEUES.apiCallback, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
      if (job) await deliverCallbacks(job.data.generationId);
    });
  }
  if (options.sweep === false) return;
  await everyMinute(QUEUES.apiCallbackSweep, () => sendDueCallbacks(), (sent) => (sent ? `re-sent delivery jobs for ${sent} tasks with waiting callbacks` : null));
}

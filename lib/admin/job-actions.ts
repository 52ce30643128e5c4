import "server-only";
import { randomUUID } from "node:crypto";
import { creditBalance, InsufficientCreditsError, spendCredits } from "../credits/ledger";
import { Prisma, type Generation } from "../db/generated/client";
import { inTransaction, type Tx } from "../db/transaction";
import { enqueueGeneration } from "../generations/job-queue";
import { endWithoutVideo, notify } from "../generations/transitions";
import { queue } from "../queue/boss";
import { writeAudit, type AdminActor } from "./audit";
import { AdminRefusal } from "./errors";
import type { RetryInput } from "./schemas";

const noSuchJob = () => new AdminRefusal("no_such_job", "There is no such job.");

async function lockedJob(tx: Tx, id: string): Promise<Generation> {
  const [row] = await tx.$queryRaw<{ userId: string }[]>`SELECT "userId" FROM "Generation" WHERE id = ${id}`;
  if (!row) throw noSuchJob();
  // The owner's row first, then the job: the order refunds, suspensions and claims lock in.
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${row.userId} FOR UPDATE`;
  await tx.$queryRaw`SELECT id FROM "Generation" WHERE id = ${id} FOR UPDATE`;
  return tx.generation.findUniqueOrThrow({ where: { id } });
}

/** Cancels a queued or running job and refunds it, through the owner's cancel path, with the audit line in the same transaction. */
export async function adminCancelJob(admin: AdminActor, id: string, reason: string, now: Date = new Date()): Promise<{ refunded: number }> {
  return inTransaction(undefined, async (tx) => {
    const job = await lockedJob(tx, id);
    const refunded = await endWithoutVideo(id, { status: "canceled", errorCode: "admin_canceled", error: "Cancelled by support.", now }, tx);
    if (refunded === null) throw new AdminRefusal("not_active", `This job has already ended (${job.status}): there is nothing to cancel.`);
    await writeAudit(tx, admin, {
      action: "job.cancel",
      targetUserId: job.userId,
      generationId: id,
      reason,
      before: { status: job.status, refundedAt: null },
      after: { status: "canceled", refunded },
    });
    return { refunded };
  });
}

export type RetryResult = { generation: Generation; charged: number };

/**
 * Runs a failed job again as a new generation with the same request (the failed one keeps its
 * history and its refund). `charge: "user"` takes the job's price from the user's credits again,
 * the spend line noting the retry; `charge: "free"` costs the user nothing (the new job's cost is
 * 0, so no ledger line and nothing to refund). Either way the reason is on the audit line and on
 * the new job, where the user sees it.
 */
export async function adminRetryJob(admin: AdminActor, id: string, input: RetryInput, now: Date = new Date()): Promise<RetryResult> {
  // Started before the transaction: pg-boss's own start-up DDL must not wait on our locks.
  await queue();
  return inTransaction(undefined, async (tx) => {
    const job = await lockedJob(tx, id);
    if (job.status !== "failed") throw new AdminRefusal("not_retryable", `Only a failed job can be retried; this one is ${job.status}.`);
    const [owner] = await tx.$queryRaw<{ suspendedAt: Date | null }[]>`SELECT "suspendedAt" FROM "User" WHERE id = ${job.userId}`;
    if (owner?.suspendedAt) throw new AdminRefusal("user_suspended", "The account is suspended: lift the suspension before retrying its jobs.");
    const charged = input.charge === "user" ? job.cost : 0;
    const note = `Retry of a failed job by support${input.charge === "free" ? " (free)" : ""}: ${input.reason}`;
    const balanceBefore = await creditBalance(job.userId, now, tx);
    const retry = await tx.generation.create({
      data: {
        id: randomUUID(),
        userId: job.userId,
        batchId: randomUUID(),
        kind: job.kind,
        prompt: job.prompt,
        negativePrompt: job.negativePrompt,
        mode: job.mode,
        durationSeconds: job.durationSeconds,
        aspectRatio: job.aspectRatio,
        cfgScale: job.cfgScale,
        audio: job.audio,
        seed: job.seed,
        cameraControl: job.cameraControl ?? Prisma.DbNull,
        params: { ...(job.params as Prisma.JsonObject), retryOf: job.id, adminNote: note },
        startImageId: job.startImageId,
        endImageId: job.endImageId,
        parentId: job.parentId,
        provider: job.provider,
        cost: charged,
        callbackUrl: job.callbackUrl,
        createdAt: now,
      },
    });
    if (charged > 0) {
      try {
        await spendCredits(job.userId, charged, retry.id, { now, generationId: retry.id, tx, note });
      } catch (error) {
        if (!(error instanceof InsufficientCreditsError)) throw error;
        throw new AdminRefusal("over_balance", `The retry costs ${charged} credits and the user has ${error.balance}: retry it free, or grant credits first.`, "charge");
      }
    }
    await enqueueGeneration(retry, { tx });
    await notify(tx, retry.id, job.userId, true);
    await writeAudit(tx, admin, {
      action: "job.retry",
      targetUserId: job.userId,
      generationId: job.id,
      reason: input.reason,
      before: { status: job.status, balance: balanceBefore },
      after: { retryId: retry.id, charge: input.charge, charged, balance: balanceBefore - charged },
    });
    return { generation: retry, charged };
  });
}

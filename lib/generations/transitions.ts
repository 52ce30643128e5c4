import "server-only";
import { recordCallback } from "../api/callbacks/record";
import type { PlanId } from "../credits/config";
import { refundCredits } from "../credits/ledger";
import { concurrentJobLimit } from "../credits/plan-rules";
import { db } from "../db/client";
import type { Generation } from "../db/generated/client";
import type { RawSql } from "../db/sql";
import { inTransaction, type Tx } from "../db/transaction";
import { queue } from "../queue/boss";
import { CHANGES_CHANNEL, publishGenerationChange } from "../queue/notifications";
import { finishBatchIfDone } from "./batch-done";
import { enqueueGeneration } from "./job-queue";

/**
 * The generation state machine: queued → running (claim) → succeeded (complete); running →
 * queued for another attempt (requeue, which sends its pg-boss job in the same transaction);
 * queued or running → failed | canceled (endWithoutVideo, which refunds). Every transition is
 * one guarded conditional UPDATE, so two workers, a worker and a cancel, or a worker and the
 * sweeper can never both win. Each publishes the change (lib/queue/notifications.ts: the
 * browser's event streams, idle workers) through pg_notify, delivered when the transaction
 * commits, and records the public API's callback for the change in the same transaction.
 */

/** A running job whose heartbeat is older than this is presumed dead (its worker crashed). */
export const STALE_AFTER_MS = Number(process.env.JOB_STALE_AFTER_SECONDS ?? 60) * 1000;

export class JobStoppedError extends Error {
  constructor(readonly generationId: string) {
    super(`Generation ${generationId} is no longer this worker's to run (cancelled, or taken over).`);
  }
}

/** Tells the user's streams (and idle workers, when queued) of a change, and records its API callback; given the row, reads nothing. */
export async function notify(tx: RawSql, generation: string | Generation, userId: string, queued = false): Promise<void> {
  await publishGenerationChange(tx, typeof generation === "string" ? generation : generation.id, userId, queued);
  await recordCallback(tx, generation);
}

export type Claim =
  | { kind: "claimed"; generation: Generation }
  | { kind: "done" }
  | { kind: "busy" }
  | { kind: "wait"; provider: string; queueOrder: Date };

/**
 * A worker takes a generation: a queued one, or a running one whose worker stopped beating.
 * Waits ("wait") while the user already has as many running jobs as the plan allows.
 */
export async function claimGeneration(id: string, now: Date = new Date()): Promise<Claim> {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  return inTransaction(undefined, async (tx) => {
    const current = await tx.generation.findUnique({ where: { id }, select: { userId: true, status: true, heartbeatAt: true } });
    if (!current || ["succeeded", "failed", "canceled"].includes(current.status)) return { kind: "done" };
    // The user's row serialises slot accounting: two workers cannot both take the last slot.
    const [owner] = await tx.$queryRaw<{ plan: PlanId }[]>`SELECT plan FROM "User" WHERE id = ${current.userId} FOR UPDATE`;
    const fresh = await tx.generation.findUniqueOrThrow({ where: { id } });
    if (["succeeded", "failed", "canceled"].includes(fresh.status)) return { kind: "done" };
    if (fresh.status === "running" && fresh.heartbeatAt && fresh.heartbeatAt >= staleBefore) return { kind: "busy" };
    const running = await tx.generation.count({
      where: { userId: fresh.userId, status: "running", heartbeatAt: { gte: staleBefore }, id: { not: id } },
    });
    if (running >= concurrentJobLimit(owner!.plan)) return { kind: "wait", provider: fresh.provider, queueOrder: fresh.queueOrder };
    const generation = await tx.generation.update({
      where: { id },
      data: { status: "running", startedAt: fresh.startedAt ?? now, heartbeatAt: now, attempts: { increment: 1 }, progress: 0, error: null, errorCode: null },
    });
    await notify(tx, id, fresh.userId);
    return { kind: "claimed", generation };
  });
}

/** Records progress and proves the worker alive; throws JobStoppedError when the job is no longer its. */
export async function reportProgress(id: string, attempt: number, percent: number, now: Date = new Date()): Promise<void> {
  const progress = Math.max(0, Math.min(100, Math.round(percent)));
  const rows = await db().$queryRaw<{ id: string }[]>`
    WITH u AS (
      UPDATE "Generation" SET progress = GREATEST(progress, ${progress}), "heartbeatAt" = ${now}, "updatedAt" = ${now}
       WHERE id = ${id} AND status = 'running' AND attempts = ${attempt}
      RETURNING id, "userId"
    ), notified AS (
      SELECT pg_notify(${CHANGES_CHANNEL}, json_build_object('id', id, 'userId', "userId")::text) FROM u
    )
    SELECT u.id FROM u, notified`;
  if (rows.length === 0) throw new JobStoppedError(id);
}

export type FinishedOutput = {
  outputVideoId: string;
  thumbnailId: string;
  width: number;
  height: number;
  fps: number;
  outputDurationMs: number;
  outputSize: number;
  providerUnits?: string | null;
};

/**
 * Remembers a remote engine's task id the moment it is known, so a later attempt (after a crash
 * or a retry) resumes that task instead of paying for a second one. Throws JobStoppedError when
 * the job is no longer this attempt's.
 */
export async function recordProviderTask(id: string, attempt: number, taskId: string): Promise<void> {
  const { count } = await db().generation.updateMany({ where: { id, status: "running", attempts: attempt }, data: { providerTaskId: taskId } });
  if (count === 0) throw new JobStoppedError(id);
}

/** Marks the job done with its output; false when it was cancelled or taken over meanwhile. */
export async function completeGeneration(id: string, attempt: number, output: FinishedOutput, now: Date = new Date()): Promise<boolean> {
  return inTransaction(undefined, async (tx) => {
    const { count } = await tx.generation.updateMany({
      where: { id, status: "running", attempts: attempt },
      data: { ...output, status: "succeeded", progress: 100, finishedAt: now, heartbeatAt: now },
    });
    if (count === 1) {
      const { userId } = await tx.generation.findUniqueOrThrow({ where: { id }, select: { userId: true } });
      await notify(tx, id, userId);
      await finishBatchIfDone(tx, id, now);
    }
    return count === 1;
  });
}

/**
 * Sends a running job back to the queue for another attempt: the transition and its pg-boss job
 * commit together (or neither does, and the job stays running until the sweeper takes it back),
 * so a queued generation always has a queue message. False when the attempt is no longer current.
 */
export async function requeueGeneration(id: string, attempt: number, reason: string, options: { startAfterSeconds?: number; handBack?: boolean } = {}): Promise<boolean> {
  // Started before the transaction: pg-boss's own start-up DDL must not wait on our locks.
  await queue();
  return inTransaction(undefined, async (tx) => {
    const { count } = await tx.generation.updateMany({
      where: { id, status: "running", attempts: attempt },
      data: { status: "queued", progress: 0, heartbeatAt: null, error: reason, ...(options.handBack ? { handBacks: { increment: 1 } } : {}) },
    });
    if (count === 0) return false;
    const generation = await tx.generation.findUniqueOrThrow({ where: { id }, select: { id: true, userId: true, provider: true, queueOrder: true } });
    await enqueueGeneration(generation, { tx, startAfterSeconds: options.startAfterSeconds });
    // Idle workers are woken only for a job they may start now, not one backing off.
    await notify(tx, id, generation.userId, !options.startAfterSeconds);
    return true;
  });
}

/**
 * Ends a job that will not produce a video — failed, or cancelled by its owner — and refunds its
 * credits, exactly once, in the same transaction. `attempt` guards a worker's own failure report;
 * the owner's cancel and the sweeper pass null. Returns the refunded credits, or null if the job
 * had already ended.
 */
export async function endWithoutVideo(
  id: string,
  end: { status: "failed" | "canceled"; errorCode?: string; error?: string; attempt?: number | null; userId?: string; now?: Date },
  tx?: Tx,
): Promise<number | null> {
  const now = end.now ?? new Date();
  return inTransaction(tx, async (t) => {
    const { count } = await t.generation.updateMany({
      where: {
        id,
        status: { in: ["queued", "running"] },
        ...(end.attempt != null ? { attempts: end.attempt } : {}),
        ...(end.userId ? { userId: end.userId } : {}),
      },
      data: { status: end.status, finishedAt: now, errorCode: end.errorCode ?? null, error: end.error ?? null },
    });
    if (count === 0) return null;
    const refunded = await refundCredits(id, { now, tx: t });
    const { userId } = await t.generation.update({ where: { id }, data: refunded > 0 ? { refundedAt: now } : {}, select: { userId: true } });
    await notify(t, id, userId);
    await finishBatchIfDone(t, id, now);
    return refunded;
  });
}

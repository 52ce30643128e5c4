import "server-only";
import { creditBalance } from "../credits/ledger";
import { inTransaction, type Tx } from "../db/transaction";
import { endWithoutVideo } from "../generations/transitions";
import { writeAudit, type AdminActor } from "./audit";
import { AdminRefusal, noSuchUser } from "./errors";
import { forgetSessionUser } from "../auth/session-cache";

type LockedUser = { id: string; suspendedAt: Date | null; sessionVersion: number };

async function lockUser(tx: Tx, userId: string): Promise<LockedUser> {
  const [user] = await tx.$queryRaw<LockedUser[]>`SELECT id, "suspendedAt", "sessionVersion" FROM "User" WHERE id = ${userId} FOR UPDATE`;
  if (!user) throw noSuchUser();
  return user;
}

export const SUSPENDED_JOB_ERROR = "Cancelled: the account was suspended.";

export type SuspendResult = { canceled: string[]; refunded: number; balanceAfter: number };

/**
 * Suspends an account: it can no longer sign in or submit, every session ends, and its queued and
 * running jobs are cancelled and refunded through the same path as the owner's cancel, all in one
 * transaction with the audit line. Locking the user's row first orders it against a submit in
 * flight (which holds that row shared): the submit either commits first, and its jobs are
 * cancelled here, or sees the suspension.
 */
export async function suspendUser(admin: AdminActor, userId: string, reason: string, now: Date = new Date()): Promise<SuspendResult> {
  const result = await inTransaction(undefined, async (tx) => {
    const user = await lockUser(tx, userId);
    if (user.suspendedAt) throw new AdminRefusal("no_change", "This account is already suspended.");
    const balanceBefore = await creditBalance(userId, now, tx);
    await tx.user.update({ where: { id: userId }, data: { suspendedAt: now, sessionVersion: { increment: 1 } } });
    const active = await tx.generation.findMany({ where: { userId, status: { in: ["queued", "running"] } }, select: { id: true }, orderBy: { createdAt: "asc" } });
    const canceled: string[] = [];
    let refunded = 0;
    for (const { id } of active) {
      const credits = await endWithoutVideo(id, { status: "canceled", errorCode: "suspended", error: SUSPENDED_JOB_ERROR, now }, tx);
      if (credits === null) continue;
      canceled.push(id);
      refunded += credits;
    }
    const balanceAfter = await creditBalance(userId, now, tx);
    await writeAudit(tx, admin, {
      action: "user.suspend",
      targetUserId: userId,
      reason,
      before: { suspendedAt: null, sessionVersion: user.sessionVersion, balance: balanceBefore, activeJobs: active.map((g) => g.id) },
      after: { suspendedAt: now.toISOString(), sessionVersion: user.sessionVersion + 1, balance: balanceAfter, canceled, refunded },
    });
    return { canceled, refunded, balanceAfter };
  });
  // After the commit: a read in between would keep the old row again (lib/auth/session-cache.ts).
  forgetSessionUser(userId);
  return result;
}

/** Lifts a suspension: the user may sign in again (their old sessions stay ended). */
export async function unsuspendUser(admin: AdminActor, userId: string, reason: string): Promise<void> {
  await inTransaction(undefined, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user.suspendedAt) throw new AdminRefusal("no_change", "This account is not suspended.");
    await tx.user.update({ where: { id: userId }, data: { suspendedAt: null } });
    await writeAudit(tx, admin, {
      action: "user.unsuspend",
      targetUserId: userId,
      reason,
      before: { suspendedAt: user.suspendedAt.toISOString() },
      after: { suspendedAt: null },
    });
  });
  forgetSessionUser(userId);
}

/** Signs the user out everywhere: every session token carries the old sessionVersion and is refused from now on. */
export async function endAllSessions(admin: AdminActor, userId: string, reason: string): Promise<void> {
  await inTransaction(undefined, async (tx) => {
    const user = await lockUser(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await writeAudit(tx, admin, {
      action: "user.end_sessions",
      targetUserId: userId,
      reason,
      before: { sessionVersion: user.sessionVersion },
      after: { sessionVersion: user.sessionVersion + 1 },
    });
  });
  forgetSessionUser(userId);
}

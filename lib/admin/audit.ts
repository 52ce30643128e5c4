import "server-only";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { Tx } from "../db/transaction";

export type AdminActor = { id: string; email: string };

export type AuditAction =
  | "credits.grant"
  | "credits.deduct"
  | "user.suspend"
  | "user.unsuspend"
  | "user.end_sessions"
  | "job.cancel"
  | "job.retry";

export type AuditEntry = {
  action: AuditAction;
  targetUserId: string;
  generationId?: string;
  reason?: string;
  before: Prisma.InputJsonValue;
  after: Prisma.InputJsonValue;
};

/** Writes one audit line in the action's own transaction: the action and its record commit together or not at all. */
export async function writeAudit(tx: Tx, admin: AdminActor, entry: AuditEntry): Promise<void> {
  await tx.adminAudit.create({
    data: {
      adminId: admin.id,
      adminEmail: admin.email,
      action: entry.action,
      targetUserId: entry.targetUserId,
      generationId: entry.generationId ?? null,
      reason: entry.reason ?? null,
      before: entry.before,
      after: entry.after,
    },
  });
}

/** The newest audit lines, of one user or of everyone. */
export function recentAudit(options: { targetUserId?: string; take?: number } = {}) {
  return db().adminAudit.findMany({
    where: options.targetUserId ? { targetUserId: options.targetUserId } : {},
    orderBy: { id: "desc" },
    take: options.take ?? 50,
  });
}

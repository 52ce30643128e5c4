import "server-only";
import { listApiKeys } from "../api-keys/keys";
import { creditHistory } from "../credits/history";
import { creditBalance, creditBreakdown } from "../credits/ledger";
import { db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { recentAudit } from "./audit";
import { ADMIN_PAGE_SIZE, containsPattern, paged, type Paged } from "./paging";

export type AdminUserRow = {
  id: string;
  email: string;
  plan: string;
  balance: number;
  createdAt: Date;
  lastSeenAt: Date | null;
  suspendedAt: Date | null;
  jobs: number;
  /** Credits spent, net of refunds. */
  spend: number;
};

/** Every user, newest first, or those whose email or name contains `q`. */
export async function listUsers(options: { q?: string; page: number }, now: Date = new Date()): Promise<Paged<AdminUserRow>> {
  const where = options.q ? Prisma.sql`WHERE u.email ILIKE ${containsPattern(options.q)} OR u.name ILIKE ${containsPattern(options.q)} OR u.id = ${options.q}` : Prisma.empty;
  const [rows, counted] = await Promise.all([
    db().$queryRaw<AdminUserRow[]>`
      SELECT u.id, u.email, u.plan::text AS plan, u."createdAt", u."lastSeenAt", u."suspendedAt",
             COALESCE((SELECT SUM(g.remaining) FROM "CreditGrant" g
                        WHERE g."userId" = u.id AND g.remaining > 0 AND g."expiresAt" > ${now} AND g."expiredAt" IS NULL), 0)::int AS balance,
             (SELECT count(*) FROM "Generation" j WHERE j."userId" = u.id)::int AS jobs,
             COALESCE((SELECT -SUM(e.amount) FROM "CreditEntry" e WHERE e."userId" = u.id AND e.reason IN ('spend', 'refund')), 0)::int AS spend
        FROM "User" u ${where}
       ORDER BY u."createdAt" DESC, u.id
       LIMIT ${ADMIN_PAGE_SIZE} OFFSET ${(options.page - 1) * ADMIN_PAGE_SIZE}`,
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "User" u ${where}`,
  ]);
  return paged(rows, counted[0]!.n, options.page);
}

/** One user as the admin console shows them: account, credits, history, jobs, subscriptions, keys (prefix only), audit. */
export async function adminUserDetail(id: string, historyPage: number, now: Date = new Date()) {
  const user = await db().user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, plan: true, emailVerified: true, createdAt: true, lastSeenAt: true, suspendedAt: true, sessionVersion: true },
  });
  if (!user) return null;
  const [balance, buckets, history, jobCount, jobs, subscriptions, apiKeys, audit] = await Promise.all([
    creditBalance(id, now),
    creditBreakdown(id, now),
    creditHistory(id, historyPage),
    db().generation.count({ where: { userId: id } }),
    db().generation.findMany({
      where: { userId: id },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, status: true, provider: true, mode: true, durationSeconds: true, cost: true, createdAt: true, errorCode: true, error: true, refundedAt: true },
    }),
    db().subscription.findMany({ where: { userId: id }, orderBy: { createdAt: "desc" } }),
    listApiKeys(id),
    recentAudit({ targetUserId: id, take: 20 }),
  ]);
  return {
    user,
    balance,
    buckets,
    history,
    jobCount,
    jobs,
    subscriptions,
    apiKeys,
    audit,
  };
}

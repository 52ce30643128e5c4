import "server-only";
import { db } from "../db/client";
import type { GrantSource } from "./ledger";

export type LedgerReason = "grant" | "spend" | "refund" | "expire" | "adjustment" | "admin_deduct";

/** One line of a user's credit history: one operation, whatever number of buckets it touched. */
export type HistoryLine = {
  ref: string;
  reason: LedgerReason;
  amount: number;
  at: Date;
  sources: GrantSource[];
  generationId: string | null;
  paymentRef: string | null;
  note: string | null;
};

export type HistoryPage = { lines: HistoryLine[]; page: number; pageSize: number; total: number; pages: number };

/** Newest first, paginated. */
/** The last page anyone can ask for: past it the offset means nothing (and 1e400 is Infinity). */
export const HISTORY_MAX_PAGE = 100_000;

export async function creditHistory(userId: string, page = 1, pageSize = 20): Promise<HistoryPage> {
  const safePage = Math.min(Math.max(1, Math.floor(page) || 1), HISTORY_MAX_PAGE);
  const [lines, counted] = await Promise.all([
    db().$queryRaw<HistoryLine[]>`
      SELECT e.ref, e.reason::text AS reason, SUM(e.amount)::int AS amount, MIN(e."createdAt") AS at,
             array_agg(DISTINCT g.source::text) AS sources,
             MAX(e."generationId") AS "generationId", MAX(e."paymentRef") AS "paymentRef", MAX(e.note) AS note
        FROM "CreditEntry" e JOIN "CreditGrant" g ON g.id = e."grantId"
       WHERE e."userId" = ${userId}
       GROUP BY e.ref, e.reason
       ORDER BY MAX(e.id) DESC
       LIMIT ${pageSize} OFFSET ${(safePage - 1) * pageSize}`,
    db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "CreditEntry" WHERE "userId" = ${userId} GROUP BY ref, reason) ops`,
  ]);
  const total = counted[0]!.n;
  return { lines, page: safePage, pageSize, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

const SOURCE_LABELS: Record<GrantSource, string> = {
  daily_bonus: "Daily login bonus",
  monthly_grant: "Monthly plan credits",
  purchase: "Credit pack",
  promo: "Promotional credits",
  refund: "Refund",
  admin: "Credits from support",
};

/** What a person reads for a history line. */
export function describeLine(line: Pick<HistoryLine, "reason" | "sources" | "generationId">): string {
  const source = SOURCE_LABELS[line.sources[0] ?? "promo"];
  switch (line.reason) {
    case "grant":
      return source;
    case "spend":
      return line.generationId ? "Video generation" : "Spent";
    case "refund":
      return "Refund for a generation that did not finish";
    case "expire":
      return `${source} expired`;
    case "adjustment":
      return `${source} taken back: the payment was refunded or disputed`;
    case "admin_deduct":
      return "Credits removed by support";
  }
}

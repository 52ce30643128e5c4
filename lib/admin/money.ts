import "server-only";
import { pricingConfig, type PricingConfig } from "../credits/config";
import { db } from "../db/client";

export type CreditDay = { day: string; kind: string; credits: number; lines: number };
export type RevenueDay = { day: string; what: string; payments: number; usd: number };

/**
 * Credits in and out per day over [since, until): grants by source (daily bonus, monthly, packs,
 * promo, admin; refunds of generations as their own kind), spend, expiries, admin deductions and
 * payments taken back.
 */
export async function creditFlows(since: Date, until: Date): Promise<CreditDay[]> {
  return db().$queryRaw<CreditDay[]>`
    SELECT to_char(date_trunc('day', e."createdAt"), 'YYYY-MM-DD') AS day,
           CASE WHEN e.reason = 'grant' THEN 'grant:' || g.source::text ELSE e.reason::text END AS kind,
           SUM(e.amount)::int AS credits, count(DISTINCT e.ref)::int AS lines
      FROM "CreditEntry" e JOIN "CreditGrant" g ON g.id = e."grantId"
     WHERE e."createdAt" >= ${since} AND e."createdAt" < ${until}
     GROUP BY 1, 2 ORDER BY 1 DESC, 2`;
}

/**
 * Revenue per day from billing: each paid plan period (a monthly grant carrying a payment reference)
 * at the plan's price, and each credit pack at its price, from the price table in force. Offline test
 * purchases count like real ones; Stripe's own reports are the books, this is the dashboard.
 */
export async function revenue(since: Date, until: Date, config: PricingConfig = pricingConfig()): Promise<RevenueDay[]> {
  const rows = await db().$queryRaw<{ day: string; source: string; amount: number; payments: number }[]>`
    SELECT to_char(date_trunc('day', e."createdAt"), 'YYYY-MM-DD') AS day, g.source::text AS source, g.amount, count(DISTINCT e.ref)::int AS payments
      FROM "CreditEntry" e JOIN "CreditGrant" g ON g.id = e."grantId"
     WHERE e.reason = 'grant' AND g.source IN ('purchase', 'monthly_grant') AND e."paymentRef" IS NOT NULL
       AND e."createdAt" >= ${since} AND e."createdAt" < ${until}
     GROUP BY 1, 2, 3 ORDER BY 1 DESC, 2, 3`;
  return rows.map((row) => {
    if (row.source === "purchase") {
      const pack = config.packs.find((p) => p.credits === row.amount);
      return { day: row.day, what: `${row.amount} credit pack`, payments: row.payments, usd: (pack?.priceUsd ?? 0) * row.payments };
    }
    const plan = Object.values(config.plans).find((p) => p.monthlyGrant === row.amount && p.monthlyGrant > 0);
    return { day: row.day, what: `${plan?.name ?? "Plan"} plan period`, payments: row.payments, usd: (plan?.monthlyPriceUsd ?? 0) * row.payments };
  });
}

import { db } from "@/lib/db/client";
import { uniqueEmail } from "./factories";

export async function createTestUser(plan: "free" | "standard" | "pro" | "premier" = "free") {
  return db().user.create({ data: { email: uniqueEmail(), plan } });
}

/** Sum of a user's ledger, and of what their grants hold. */
export async function ledgerTotals(userId: string) {
  const [ledger, remaining] = await Promise.all([
    db().creditEntry.aggregate({ where: { userId }, _sum: { amount: true } }),
    db().creditGrant.aggregate({ where: { userId }, _sum: { remaining: true } }),
  ]);
  return { ledger: ledger._sum.amount ?? 0, remaining: remaining._sum.remaining ?? 0 };
}

import "server-only";
import { lockUserRow, type Tx } from "../db/transaction";
import { Prisma } from "../db/generated/client";

export type ReversedPayment = {
  /** The charge refunded or disputed: what is taken back is counted per charge. */
  chargeId: string;
  paymentIntent: string;
  invoice: { id: string; subscription: string; periodStart: Date } | null;
  /** The part of the payment given back (a partial refund), 0–1. */
  share: number;
  why: string;
  eventId: string;
  now: Date;
};

/**
 * Takes back the credits a refunded or disputed payment bought, as far as they are unspent: the
 * grants whose grant line names the payment (a pack: its payment intent; a plan invoice: the
 * invoice) and, for a yearly plan, the months granted from that paid year. One `adjustment` line
 * per grant (ref `payment_reversed:<charge>:<event>`); what earlier events of the same charge took
 * counts, so a partial refund followed by the rest, or a refund and then a dispute, never takes
 * twice. Never more than a grant holds: the balance cannot go below zero. Returns the credits taken.
 */
export async function takeBackPayment(tx: Tx, payment: ReversedPayment): Promise<number> {
  const refs = [payment.paymentIntent, ...(payment.invoice ? [payment.invoice.id] : [])];
  const yearly = payment.invoice ? `yearly:${payment.invoice.subscription}:${payment.invoice.periodStart.toISOString()}:%` : null;
  const find = (lock: boolean) => tx.$queryRaw<{ id: string; userId: string; amount: number; remaining: number }[]>`
    SELECT g.id, g."userId", g.amount, g.remaining FROM "CreditGrant" g
     WHERE g.id IN (SELECT "grantId" FROM "CreditEntry" WHERE reason = 'grant' AND "paymentRef" = ANY(${refs}))
        OR (${yearly}::text IS NOT NULL AND g."externalRef" LIKE ${yearly})
     ORDER BY g."expiresAt", g."createdAt", g.id
     ${lock ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  const owners = new Set((await find(false)).map((g) => g.userId));
  if (owners.size === 0) return 0;
  for (const owner of [...owners].sort()) await lockUserRow(tx, owner);
  const grants = await find(true);
  const target = Math.round(grants.reduce((sum, g) => sum + g.amount, 0) * Math.min(1, Math.max(0, payment.share)));
  const [before] = await tx.$queryRaw<{ taken: number }[]>`
    SELECT COALESCE(-SUM(amount), 0)::int AS taken FROM "CreditEntry"
     WHERE reason = 'adjustment' AND ref LIKE ${`payment_reversed:${payment.chargeId}:%`}`;
  let wanted = target - before!.taken;
  let taken = 0;
  for (const grant of grants) {
    const take = Math.min(grant.remaining, wanted);
    if (take <= 0) continue;
    await tx.$executeRaw`UPDATE "CreditGrant" SET remaining = remaining - ${take} WHERE id = ${grant.id}`;
    await tx.$executeRaw`
      INSERT INTO "CreditEntry"("userId", "grantId", amount, reason, ref, "paymentRef", note, "createdAt")
      VALUES (${grant.userId}, ${grant.id}, ${-take}, 'adjustment', ${`payment_reversed:${payment.chargeId}:${payment.eventId}`}, ${payment.paymentIntent}, ${payment.why}, ${payment.now})`;
    wanted -= take;
    taken += take;
  }
  return taken;
}

import "server-only";
import { db } from "../../db/client";
import { stripe } from "./client";

/**
 * The user's Stripe customer, created on their first checkout and reused ever after. Concurrent
 * first checkouts send the same idempotency key, so Stripe answers both with one customer, and
 * only the first writer stores it.
 */
export async function stripeCustomerFor(user: { id: string; email: string; name?: string | null }): Promise<string> {
  const stored = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { stripeCustomerId: true } });
  if (stored.stripeCustomerId) return stored.stripeCustomerId;
  const customer = await stripe().customers.create(
    { email: user.email, name: user.name ?? undefined, metadata: { userId: user.id } },
    { idempotencyKey: `reelsmith-customer-${user.id}` },
  );
  await db().user.updateMany({ where: { id: user.id, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
  const after = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { stripeCustomerId: true } });
  return after.stripeCustomerId ?? customer.id;
}

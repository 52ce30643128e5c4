import "server-only";
import Stripe from "stripe";
import { db } from "../../db/client";
import { stripe } from "./client";

type Customer = { id: string; email: string; name?: string | null };

/**
 * The user's Stripe customer, created on their first checkout and reused ever after. Concurrent
 * first checkouts send the same idempotency key, so Stripe answers both with one customer, and
 * only the first writer stores it.
 */
async function stripeCustomerFor(user: Customer, replacing?: string): Promise<string> {
  const stored = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { stripeCustomerId: true } });
  if (stored.stripeCustomerId) return stored.stripeCustomerId;
  const customer = await stripe().customers.create(
    { email: user.email, name: user.name ?? undefined, metadata: { userId: user.id } },
    // A replacement for a deleted customer needs its own key, or Stripe would replay the deleted one.
    { idempotencyKey: `reelsmith-customer-${user.id}${replacing ? `-after-${replacing}` : ""}` },
  );
  await db().user.updateMany({ where: { id: user.id, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
  const after = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { stripeCustomerId: true } });
  return after.stripeCustomerId ?? customer.id;
}

/** A deleted customer can be replaced by another deleted one (see below); past this, Stripe is not making sense. */
const MAX_REPLACEMENTS = 3;

const customerMissing = (error: unknown) =>
  error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing" && error.param === "customer";

/**
 * Runs a Stripe call that names the user's customer; when that customer has been deleted in the
 * dashboard, forgets it and tries again with a new one. The new one can be missing too: a
 * concurrent checkout that read the user's customer after it was forgotten creates one with the
 * first-checkout key, gets the deleted customer replayed by Stripe and may store it again. So each
 * missing customer is replaced by one keyed on its own id, until one answers.
 */
export async function withStripeCustomer<T>(user: Customer, call: (customerId: string) => Promise<T>): Promise<T> {
  let customerId = await stripeCustomerFor(user);
  for (let replaced = 0; ; replaced++) {
    try {
      return await call(customerId);
    } catch (error) {
      if (!customerMissing(error) || replaced === MAX_REPLACEMENTS) throw error;
      await db().user.updateMany({ where: { id: user.id, stripeCustomerId: customerId }, data: { stripeCustomerId: null } });
      customerId = await stripeCustomerFor(user, customerId);
    }
  }
}

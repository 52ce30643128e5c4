import "server-only";
import { inTransaction } from "../db/transaction";
import { billingMode } from "./mode";
import type { Purchase } from "./purchase";
import { createStripeCheckout } from "./stripe/checkout";
import { planConflict, renewingSubscription } from "./subscriptions";
import { createTestCheckoutToken } from "./test-mode";

type Buyer = { id: string; email: string; name?: string | null };

/**
 * Opens a checkout and answers the page to send the buyer to. Plan checkouts of one user are
 * serialised (a transaction-scoped advisory lock per user: not the user's row, which creating
 * the Stripe customer may update meanwhile): each sees what the one before it did, so a double
 * click or two tabs cannot open two, and none opens while a plan renews (Stripe also refuses one
 * while another plan checkout of the user is open, see createStripeCheckout). Completing one is
 * serialised on the user's row (completeTestCheckout, fulfilBillingEvent).
 */
export async function startCheckout(user: Buyer, purchase: Purchase, baseUrl: string): Promise<string> {
  const open = () =>
    billingMode() === "stripe" ? createStripeCheckout(user, purchase, baseUrl) : Promise.resolve(`/billing/test-checkout/${createTestCheckoutToken(user.id, purchase)}`);
  if (purchase.kind === "pack") return open();
  return inTransaction(undefined, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`plan-checkout:${user.id}`}, 0))`;
    const current = await renewingSubscription(user.id, new Date(), { tx });
    if (current) throw planConflict(current.plan);
    return open();
  });
}

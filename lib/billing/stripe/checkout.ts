import "server-only";
import { priceLookupKey } from "../events";
import type { Purchase } from "../purchase";
import { PlanConflictError } from "../subscriptions";
import { stripe } from "./client";
import { withStripeCustomer } from "./customer";
import { priceForLookupKey } from "./lookup";

type Buyer = { id: string; email: string; name?: string | null };

/** How long a plan checkout stays open (Stripe's shortest): another cannot open meanwhile. */
const PLAN_CHECKOUT_MINUTES = 30;

async function refuseIfPlanCheckoutOpen(customer: string) {
  const open = await stripe().checkout.sessions.list({ customer, status: "open", limit: 100 });
  if (open.data.some((session) => session.mode === "subscription")) {
    throw new PlanConflictError(
      `A plan checkout is already open for your account (another tab?). Finish it there, or start again once it expires, within ${PLAN_CHECKOUT_MINUTES} minutes.`,
    );
  }
}

/**
 * A Stripe Checkout Session for a plan or a credit pack; answers the page to send the buyer to.
 * Fulfilment never trusts the redirect back: it comes from the webhook, which finds the buyer by
 * `client_reference_id` (sessions) and `metadata.userId` (the subscription and its invoices).
 */
export async function createStripeCheckout(user: Buyer, purchase: Purchase, baseUrl: string): Promise<string> {
  const lookupKey = purchase.kind === "plan" ? priceLookupKey(purchase.plan, purchase.interval) : purchase.packId;
  const price = await priceForLookupKey(lookupKey);
  const common = {
    client_reference_id: user.id,
    line_items: [{ price: price.id, quantity: 1 }],
    success_url: `${baseUrl}/account?purchase=ok`,
    cancel_url: `${baseUrl}/pricing?purchase=cancelled`,
  };
  const session = await withStripeCustomer(user, async (customer) => {
    if (purchase.kind === "pack") {
      return stripe().checkout.sessions.create({
        ...common,
        customer,
        mode: "payment",
        metadata: { userId: user.id, packId: purchase.packId },
        payment_intent_data: { metadata: { userId: user.id, packId: purchase.packId } },
      });
    }
    await refuseIfPlanCheckoutOpen(customer);
    return stripe().checkout.sessions.create({
      ...common,
      customer,
      mode: "subscription",
      expires_at: Math.floor(Date.now() / 1000) + PLAN_CHECKOUT_MINUTES * 60,
      allow_promotion_codes: true,
      subscription_data: { metadata: { userId: user.id } },
      metadata: { userId: user.id },
    });
  });
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL.`);
  return session.url;
}

/** A Billing Portal session (payment method, plan change, cancellation) for a customer. */
export async function createPortalSession(user: Buyer, returnUrl: string): Promise<string> {
  const session = await withStripeCustomer(user, (customer) => stripe().billingPortal.sessions.create({ customer, return_url: returnUrl }));
  return session.url;
}

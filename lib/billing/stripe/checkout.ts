import "server-only";
import { priceLookupKey } from "../events";
import type { Purchase } from "../purchase";
import { stripe } from "./client";
import { withStripeCustomer } from "./customer";
import { priceForLookupKey } from "./lookup";

type Buyer = { id: string; email: string; name?: string | null };

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
  const session = await withStripeCustomer(user, (customer) =>
    purchase.kind === "plan"
      ? stripe().checkout.sessions.create({
          ...common,
          customer,
          mode: "subscription",
          allow_promotion_codes: true,
          subscription_data: { metadata: { userId: user.id } },
          metadata: { userId: user.id },
        })
      : stripe().checkout.sessions.create({
          ...common,
          customer,
          mode: "payment",
          metadata: { userId: user.id, packId: purchase.packId },
          payment_intent_data: { metadata: { userId: user.id, packId: purchase.packId } },
        }),
  );
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL.`);
  return session.url;
}

/** A Billing Portal session (payment method, plan change, cancellation) for a customer. */
export async function createPortalSession(user: Buyer, returnUrl: string): Promise<string> {
  const session = await withStripeCustomer(user, (customer) => stripe().billingPortal.sessions.create({ customer, return_url: returnUrl }));
  return session.url;
}

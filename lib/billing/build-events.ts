import { priceLookupKey, toUnix, type BillingEventInput, type BillingInterval, type PaidPlanId } from "./events";

// Stripe-shaped billing events, built from our own terms: what offline test billing sends.

export type SubscriptionSnapshot = {
  id: string;
  userId: string;
  plan: PaidPlanId;
  interval: BillingInterval;
  status: "active" | "trialing" | "past_due" | "canceled" | "unpaid";
  periodStart: Date;
  periodEnd: Date;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
};

type Envelope = { eventId: string; created: Date };

const priceId = (s: SubscriptionSnapshot) => `test_price_${priceLookupKey(s.plan, s.interval)}`;

export function subscriptionEvent(
  type: "customer.subscription.created" | "customer.subscription.updated" | "customer.subscription.deleted",
  { eventId, created }: Envelope,
  s: SubscriptionSnapshot,
): BillingEventInput {
  return {
    id: eventId,
    type,
    created: toUnix(created),
    data: {
      object: {
        id: s.id,
        object: "subscription",
        status: s.status,
        cancel_at_period_end: s.cancelAtPeriodEnd,
        canceled_at: s.canceledAt ? toUnix(s.canceledAt) : null,
        metadata: { userId: s.userId },
        items: {
          data: [
            {
              current_period_start: toUnix(s.periodStart),
              current_period_end: toUnix(s.periodEnd),
              price: { id: priceId(s), lookup_key: priceLookupKey(s.plan, s.interval) },
            },
          ],
        },
      },
    },
  };
}

/** The paid invoice of one period of a subscription. */
export function invoicePaidEvent(
  { eventId, created }: Envelope,
  invoice: { id: string; subscription: SubscriptionSnapshot; periodStart: Date; periodEnd: Date },
): BillingEventInput {
  const { subscription } = invoice;
  return {
    id: eventId,
    type: "invoice.paid",
    created: toUnix(created),
    data: {
      object: {
        id: invoice.id,
        object: "invoice",
        parent: { type: "subscription_details", subscription_details: { subscription: subscription.id, metadata: { userId: subscription.userId } } },
        lines: {
          data: [
            {
              period: { start: toUnix(invoice.periodStart), end: toUnix(invoice.periodEnd) },
              pricing: { type: "price_details", price_details: { price: { id: priceId(subscription), lookup_key: priceLookupKey(subscription.plan, subscription.interval) } } },
              parent: { type: "subscription_item_details", subscription_item_details: { proration: false } },
            },
          ],
        },
      },
    },
  };
}

/** A paid Checkout Session: of a subscription, or of a one-off pack (`packId`, paid by `paymentIntent`). */
export function checkoutCompletedEvent(
  { eventId, created }: Envelope,
  session: { id: string; userId: string } & ({ subscriptionId: string } | { packId: string; paymentIntent: string }),
): BillingEventInput {
  const common = { id: session.id, object: "checkout.session" as const, client_reference_id: session.userId, payment_status: "paid" as const };
  const object =
    "packId" in session
      ? { ...common, mode: "payment" as const, payment_intent: session.paymentIntent, subscription: null, metadata: { packId: session.packId } }
      : { ...common, mode: "subscription" as const, payment_intent: null, subscription: session.subscriptionId, metadata: {} };
  return { id: eventId, type: "checkout.session.completed", created: toUnix(created), data: { object } };
}

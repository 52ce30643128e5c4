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
        current_period_start: toUnix(s.periodStart),
        current_period_end: toUnix(s.periodEnd),
        metadata: { userId: s.userId },
        items: { data: [{ price: { lookup_key: priceLookupKey(s.plan, s.interval) } }] },
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
        subscription: subscription.id,
        subscription_details: { metadata: { userId: subscription.userId } },
        lines: {
          data: [
            {
              period: { start: toUnix(invoice.periodStart), end: toUnix(invoice.periodEnd) },
              price: { lookup_key: priceLookupKey(subscription.plan, subscription.interval) },
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

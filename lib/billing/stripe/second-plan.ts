import "server-only";
import { stripe } from "./client";

/**
 * Ends a second renewing plan (fulfilment granted nothing for it) at once, and refunds the unused
 * part of what was paid for its current period: all of it, when it is ended as it starts.
 * Safe to run again (a redelivered event): an ended subscription is not canceled twice, and each
 * refund carries an idempotency key of its payment.
 */
export async function cancelSecondPlan(subscriptionId: string, now: Date = new Date()): Promise<void> {
  let subscription = await stripe().subscriptions.retrieve(subscriptionId);
  if (subscription.status !== "canceled") subscription = await stripe().subscriptions.cancel(subscriptionId, { prorate: false });
  const invoice = typeof subscription.latest_invoice === "string" ? subscription.latest_invoice : subscription.latest_invoice?.id;
  const item = subscription.items.data[0];
  if (!invoice || !item) return;
  const period = item.current_period_end - item.current_period_start;
  const unused = period > 0 ? Math.min(1, Math.max(0, (item.current_period_end - now.getTime() / 1000) / period)) : 0;
  const payments = await stripe().invoicePayments.list({ invoice, status: "paid" });
  for (const payment of payments.data) {
    const intent = payment.payment.payment_intent;
    const amount = Math.floor((payment.amount_paid ?? 0) * unused);
    if (!intent || amount <= 0) continue;
    await stripe().refunds.create(
      { payment_intent: typeof intent === "string" ? intent : intent.id, amount, metadata: { reelsmith: "second_plan", subscription: subscriptionId } },
      { idempotencyKey: `reelsmith-second-plan-refund-${payment.id}` },
    );
  }
}

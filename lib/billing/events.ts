import "server-only";
import { z } from "zod";
import type { PlanId } from "../credits/config";

/**
 * The billing events fulfilment understands: the subset of Stripe's webhook events we act on,
 * with the fields we read, in Stripe's own shape (unix-second timestamps, snake_case), so a
 * verified Stripe event parses here unchanged. Offline test billing builds the same events.
 * Objects are loose: Stripe sends many more fields, and they are ignored.
 *
 * Who a purchase belongs to: checkout sessions carry our user id as `client_reference_id`;
 * subscriptions carry it in `metadata.userId` (set through `subscription_data.metadata`), and
 * their invoices repeat it in `subscription_details.metadata`. Which plan: the price's lookup
 * key, `<plan>_<interval>` (see priceLookupKey), so a plan change in the Billing Portal is seen.
 */

export type PaidPlanId = Exclude<PlanId, "free">;
export type BillingInterval = "month" | "year";

export const PAID_PLANS = ["standard", "pro", "premier"] as const satisfies readonly PaidPlanId[];
export const INTERVALS = ["month", "year"] as const satisfies readonly BillingInterval[];

/** The Stripe price lookup key of a plan, e.g. `standard_month`. */
export function priceLookupKey(plan: PaidPlanId, interval: BillingInterval): string {
  return `${plan}_${interval}`;
}

const lookupKey = z
  .string()
  .transform((key, ctx) => {
    const [plan, interval] = key.split("_");
    const parsed = z.object({ plan: z.enum(PAID_PLANS), interval: z.enum(INTERVALS) }).safeParse({ plan, interval });
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: "custom", message: `${key} is not a plan price lookup key` });
    return z.NEVER;
  });

const unixSeconds = z.number().int().nonnegative();
const id = z.string().min(1);
const userMetadata = z.looseObject({ userId: id });

const subscriptionStatus = z.enum(["incomplete", "incomplete_expired", "trialing", "active", "past_due", "canceled", "unpaid", "paused"]);

/** A price as Stripe expands it; only its lookup key matters to us. */
const planPrice = z.looseObject({ lookup_key: lookupKey });

const subscriptionObject = z.looseObject({
  id,
  object: z.literal("subscription"),
  status: subscriptionStatus,
  cancel_at_period_end: z.boolean(),
  canceled_at: unixSeconds.nullable(),
  metadata: userMetadata,
  // Since API version 2025-03-31 the billing period lives on the subscription's items.
  items: z.looseObject({
    data: z.tuple([z.looseObject({ current_period_start: unixSeconds, current_period_end: unixSeconds, price: planPrice })], z.unknown()),
  }),
});

const checkoutSessionObject = z.looseObject({
  id,
  object: z.literal("checkout.session"),
  client_reference_id: id,
  payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
  payment_intent: id.nullable(),
  subscription: id.nullable(),
  mode: z.enum(["subscription", "payment", "setup"]),
  /** `packId` for a one-off credit pack. */
  metadata: z.looseObject({ packId: id.optional() }),
});

/**
 * An invoice line. Stripe sends `pricing.price_details.price` as a price id; the webhook expands
 * it (expandInvoicePrices) before parsing, so a line of a foreign price fails here by name.
 */
const invoiceLine = z.looseObject({
  period: z.looseObject({ start: unixSeconds, end: unixSeconds }),
  pricing: z.looseObject({ price_details: z.looseObject({ price: z.union([id, z.looseObject({ id, lookup_key: z.string().nullable() })]) }) }).nullable(),
  parent: z.looseObject({ subscription_item_details: z.looseObject({ proration: z.boolean() }).nullable().optional() }).nullable().optional(),
});

const invoiceObject = z.looseObject({
  id,
  object: z.literal("invoice"),
  // Since API version 2025-03-31 an invoice names its subscription under `parent`.
  parent: z.looseObject({ subscription_details: z.looseObject({ subscription: id, metadata: userMetadata }) }),
  lines: z.looseObject({ data: z.array(invoiceLine) }),
});


/**
 * The line of a subscription invoice that pays for a plan period: not a proration (an upgrade's
 * prorations pay for the rest of a period already granted), of a price with a plan lookup key.
 */
export function planLine(invoice: z.output<typeof invoiceObject>) {
  for (const line of invoice.lines.data.toReversed()) {
    if (line.parent?.subscription_item_details?.proration) continue;
    const price = line.pricing?.price_details.price;
    if (typeof price !== "object" || !price.lookup_key) continue;
    const key = lookupKey.safeParse(price.lookup_key);
    if (key.success) return { period: line.period, ...key.data };
  }
  return null;
}

/**
 * The subscription invoice a payment paid, as the webhook looks it up (Stripe's charges no longer
 * name their invoice): its id, subscription and the start of the period it paid. Null for a
 * one-off payment (a credit pack).
 */
const paidInvoice = z.looseObject({ id, subscription: id, period_start: unixSeconds }).nullable();

const chargeObject = z.looseObject({
  id,
  object: z.literal("charge"),
  payment_intent: id,
  amount: z.number().int().positive(),
  amount_refunded: z.number().int().nonnegative(),
  paid_invoice: paidInvoice,
});

const disputeObject = z.looseObject({ id, object: z.literal("dispute"), charge: id, payment_intent: id, paid_invoice: paidInvoice });

const envelope = { id, created: unixSeconds };

const billingEventSchema = z.discriminatedUnion("type", [
  z.looseObject({
    ...envelope,
    // An asynchronous payment (bank debit) completes the session unpaid and succeeds later.
    type: z.enum(["checkout.session.completed", "checkout.session.async_payment_succeeded"]),
    data: z.looseObject({ object: checkoutSessionObject }),
  }),
  z.looseObject({ ...envelope, type: z.enum(["invoice.paid"]), data: z.looseObject({ object: invoiceObject }) }),
  z.looseObject({
    ...envelope,
    type: z.enum(["customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted"]),
    data: z.looseObject({ object: subscriptionObject }),
  }),
  // Money given back (a refund from the dashboard) or claimed back (a dispute): its credits go back too.
  z.looseObject({ ...envelope, type: z.enum(["charge.refunded"]), data: z.looseObject({ object: chargeObject }) }),
  z.looseObject({ ...envelope, type: z.enum(["charge.dispute.created"]), data: z.looseObject({ object: disputeObject }) }),
]);

export type BillingEvent = z.output<typeof billingEventSchema>;

/** The event types fulfilment acts on (a webhook endpoint subscribes to these). */
export const BILLING_EVENT_TYPES: readonly string[] = billingEventSchema.options.flatMap((option) => option.shape.type.options);
/** An event as it is sent (lookup keys still strings): what test billing builds. */
export type BillingEventInput = z.input<typeof billingEventSchema>;

export class InvalidBillingEventError extends Error {}

/** Parses an event of a type we handle; throws InvalidBillingEventError when its shape is wrong. */
export function parseBillingEvent(raw: unknown): BillingEvent {
  const parsed = billingEventSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  throw new InvalidBillingEventError(`Invalid billing event: ${problems.join("; ")}`);
}

export function fromUnix(seconds: number): Date {
  return new Date(seconds * 1000);
}

export function toUnix(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}

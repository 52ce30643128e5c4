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

export const subscriptionObject = z.looseObject({
  id,
  object: z.literal("subscription"),
  status: subscriptionStatus,
  cancel_at_period_end: z.boolean(),
  canceled_at: unixSeconds.nullable(),
  current_period_start: unixSeconds,
  current_period_end: unixSeconds,
  metadata: userMetadata,
  items: z.looseObject({ data: z.tuple([z.looseObject({ price: z.looseObject({ lookup_key: lookupKey }) })], z.unknown()) }),
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

const invoiceObject = z.looseObject({
  id,
  object: z.literal("invoice"),
  subscription: id,
  subscription_details: z.looseObject({ metadata: userMetadata }),
  lines: z.looseObject({
    data: z.tuple(
      [z.looseObject({ period: z.looseObject({ start: unixSeconds, end: unixSeconds }), price: z.looseObject({ lookup_key: lookupKey }) })],
      z.unknown(),
    ),
  }),
});

const envelope = { id, created: unixSeconds };

export const billingEventSchema = z.discriminatedUnion("type", [
  z.looseObject({ ...envelope, type: z.literal("checkout.session.completed"), data: z.looseObject({ object: checkoutSessionObject }) }),
  z.looseObject({ ...envelope, type: z.literal("invoice.paid"), data: z.looseObject({ object: invoiceObject }) }),
  z.looseObject({
    ...envelope,
    type: z.enum(["customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted"]),
    data: z.looseObject({ object: subscriptionObject }),
  }),
]);

export type BillingEvent = z.output<typeof billingEventSchema>;
/** An event as it is sent (lookup keys still strings): what test billing builds. */
export type BillingEventInput = z.input<typeof billingEventSchema>;
export type SubscriptionObjectInput = z.input<typeof subscriptionObject>;

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

import { PLAN_IDS, type PlanId } from "../credits/config";

/** What of a subscription decides whether its plan applies. */
export type SubscriptionState = {
  plan: PlanId;
  status: string;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
};

// Past due keeps the plan while Stripe retries the payment; Stripe ends that with `canceled` or `unpaid`.
const ENTITLED_STATUSES = new Set(["active", "trialing", "past_due"]);

/**
 * The plan a subscription gives at `now`. A plan cancelled at period end stays until that end,
 * then the user is on Free. A renewing subscription keeps its plan past the end of its period:
 * the renewal's own events move the period on (or end the subscription).
 */
export function effectivePlan(subscription: SubscriptionState | null, now: Date): PlanId {
  if (!subscription || !ENTITLED_STATUSES.has(subscription.status)) return "free";
  if (subscription.cancelAtPeriodEnd && now >= subscription.currentPeriodEnd) return "free";
  return subscription.plan;
}

/** The best plan any of a user's subscriptions gives at `now` (plans are ordered by PLAN_IDS). */
export function bestEffectivePlan(subscriptions: readonly SubscriptionState[], now: Date): PlanId {
  let best = 0;
  for (const subscription of subscriptions) best = Math.max(best, PLAN_IDS.indexOf(effectivePlan(subscription, now)));
  return PLAN_IDS[best]!;
}

/**
 * When a paid period's monthly grant expires: the period end, or one calendar month after its
 * start for a yearly period (the other months of a paid year are granted by a scheduled job).
 */
export function monthlyGrantEnd(periodStart: Date, periodEnd: Date): Date {
  const oneMonth = addMonths(periodStart, 1);
  return oneMonth < periodEnd ? oneMonth : periodEnd;
}

/**
 * Calendar months later, in UTC, as Stripe moves a billing period: a day the target month lacks
 * becomes its last day (Jan 31 → Feb 28 → Mar 31), never a day of the month after.
 */
export function addMonths(at: Date, months: number): Date {
  const out = new Date(at);
  const day = at.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, lastDay));
  return out;
}

import "server-only";
import { grantMonthlyCredits } from "../credits/purchases";
import { db } from "../db/client";
import { addMonths, effectivePlan } from "./plan";

/**
 * A yearly plan is paid once a year but grants its credits month by month: the invoice grants the
 * first month (fulfil.ts), and this job, run every minute by pg-boss, grants each later month of
 * the paid year once it has begun. A grant is keyed by the subscription, the paid year and the
 * month (`yearly:<sub>:<year start>:<month>`), so any number of workers, runs and restarts grant
 * each month exactly once. A month whose end has passed (the worker was down all month) is not
 * granted: those credits would already be expired. A plan whose latest invoice is unpaid
 * (`past_due`, `unpaid`) keeps its plan while Stripe retries but gets no grant until it is paid
 * (back to `active`: the month is granted then, if it has not ended). Returns how many grants it made.
 */
export async function grantYearlyPlanMonths(now: Date = new Date()): Promise<number> {
  const subscriptions = await db().subscription.findMany({
    where: { interval: "year", status: { in: ["active", "trialing"] }, currentPeriodEnd: { gt: now } },
    select: { userId: true, stripeSubscriptionId: true, plan: true, status: true, currentPeriodStart: true, currentPeriodEnd: true, cancelAtPeriodEnd: true },
  });
  let granted = 0;
  for (const subscription of subscriptions) {
    const plan = effectivePlan(subscription, now);
    if (plan === "free") continue;
    const month = monthOfPeriod(subscription.currentPeriodStart, now);
    if (month === 0) continue;
    // Months are anchored on the period start, as Stripe anchors its billing periods.
    const monthEnd = addMonths(subscription.currentPeriodStart, month + 1);
    const result = await grantMonthlyCredits({
      userId: subscription.userId,
      plan,
      ref: `yearly:${subscription.stripeSubscriptionId}:${subscription.currentPeriodStart.toISOString()}:${month}`,
      periodEnd: monthEnd < subscription.currentPeriodEnd ? monthEnd : subscription.currentPeriodEnd,
      paymentRef: subscription.stripeSubscriptionId,
      now,
    });
    if (result.granted) granted++;
  }
  return granted;
}

/** Which month of a period starting at `start` contains `now` (0 = the first). */
export function monthOfPeriod(start: Date, now: Date): number {
  let month = 0;
  while (addMonths(start, month + 1) <= now) month++;
  return month;
}

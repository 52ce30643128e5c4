import "server-only";
import { pricingConfig, type PlanId } from "../credits/config";
import { db } from "../db/client";
import { DomainError } from "../errors/domain";
import type { Subscription } from "../db/generated/client";
import type { Tx } from "../db/transaction";
import { refreshUserPlan } from "./fulfil";
import { billingMode } from "./mode";
import { effectivePlan, type SubscriptionState } from "./plan";

/** A plan purchase refused because the user has (or is buying) one: the message says what to do instead. */
export class PlanConflictError extends DomainError<"plan_conflict"> {
  constructor(message: string) {
    super("plan_conflict", message);
  }
}

/** The refusal of a second plan while `plan` renews: a plan is switched in the portal (Stripe) or after cancelling (test mode). */
export function planConflict(plan: PlanId): PlanConflictError {
  const how = billingMode() === "stripe" ? "Switch plans with Manage billing" : "Cancel it";
  return new PlanConflictError(`You are on the ${pricingConfig().plans[plan].name} plan. ${how} on your account page instead of buying another plan.`);
}

/** Whether a subscription gives a paid plan at `now` and will renew. */
export function renews(subscription: SubscriptionState, now: Date): boolean {
  return !subscription.cancelAtPeriodEnd && effectivePlan(subscription, now) !== "free";
}

/** The user's subscription that currently gives them a paid plan and renews, if any (other than `except`). */
export async function renewingSubscription(userId: string, now: Date = new Date(), options: { tx?: Tx; except?: string } = {}) {
  const subscriptions = await (options.tx ?? db()).subscription.findMany({
    where: { userId, cancelAtPeriodEnd: false, ...(options.except ? { stripeSubscriptionId: { not: options.except } } : {}) },
    orderBy: { currentPeriodEnd: "desc" },
  });
  return subscriptions.find((s) => renews(s, now)) ?? null;
}

export type AccountPlan = { planId: PlanId; subscription: Subscription | null };

/**
 * The plan the user is on and the subscription that gives it, as the account page shows them.
 * A plan cancelled at period end that has just run out is stored as Free first (test billing
 * sends no event for it), so the page and every check after it agree.
 */
export async function accountPlan(userId: string, now: Date = new Date()): Promise<AccountPlan> {
  const planId = await refreshUserPlan(userId, now);
  const subscriptions = await db().subscription.findMany({ where: { userId }, orderBy: { currentPeriodEnd: "desc" } });
  return { planId, subscription: subscriptions.find((s) => s.plan === planId && effectivePlan(s, now) === planId) ?? null };
}

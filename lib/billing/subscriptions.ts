import "server-only";
import type { PlanId } from "../credits/config";
import { db } from "../db/client";
import type { Subscription } from "../db/generated/client";
import { refreshUserPlan } from "./fulfil";
import { effectivePlan } from "./plan";

/** The user's subscription that currently gives them a paid plan and renews, if any. */
export async function renewingSubscription(userId: string, now: Date = new Date()) {
  const subscriptions = await db().subscription.findMany({ where: { userId, cancelAtPeriodEnd: false }, orderBy: { currentPeriodEnd: "desc" } });
  return subscriptions.find((s) => effectivePlan(s, now) !== "free") ?? null;
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

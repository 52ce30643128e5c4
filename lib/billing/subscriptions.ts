import "server-only";
import { db } from "../db/client";
import { effectivePlan } from "./plan";

/** The user's subscription that currently gives them a paid plan and renews, if any. */
export async function renewingSubscription(userId: string, now: Date = new Date()) {
  const subscriptions = await db().subscription.findMany({ where: { userId, cancelAtPeriodEnd: false }, orderBy: { currentPeriodEnd: "desc" } });
  return subscriptions.find((s) => effectivePlan(s, now) !== "free") ?? null;
}

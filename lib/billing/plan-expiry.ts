import "server-only";
import { db } from "../db/client";
import { refreshUserPlan } from "./fulfil";

/**
 * Runs every minute (pg-boss schedule): users whose subscription period has ended get the plan
 * their subscriptions still allow — Free once a cancelled plan runs out — without waiting for
 * their next visit. Returns how many users it looked at.
 */
export async function dropEndedPlans(now: Date = new Date()): Promise<number> {
  const due = await db().user.findMany({
    where: { plan: { not: "free" }, subscriptions: { some: { currentPeriodEnd: { lte: now } } } },
    select: { id: true },
    take: 500,
  });
  for (const user of due) await refreshUserPlan(user.id, now);
  return due.length;
}

import "server-only";
import { dayKey, endOfDay } from "./clock";
import { pricingConfig, type PlanId, type PricingConfig } from "./config";
import { grantCredits } from "./ledger";

// Users already handled today by this process: after the first request of the day,
// later requests cost no database round trip.
const handled = new Set<string>();

function dailyBonusRef(userId: string, now: Date, config: PricingConfig = pricingConfig()): string {
  return `daily:${userId}:${dayKey(now, config.timeZone)}`;
}

/**
 * Grants today's login bonus on the user's first signed-in request of the day. Once per user per
 * day whatever the concurrency (unique reference); it expires at the end of that day.
 * Returns whether this call granted it.
 */
export async function ensureDailyBonus(
  userId: string,
  plan: PlanId,
  now: Date = new Date(),
  config: PricingConfig = pricingConfig(),
): Promise<boolean> {
  const ref = dailyBonusRef(userId, now, config);
  if (handled.has(ref)) return false;
  const { granted } = await grantCredits({
    userId,
    source: "daily_bonus",
    amount: config.plans[plan].dailyBonus,
    expiresAt: endOfDay(now, config.timeZone),
    externalRef: ref,
    now,
  });
  if (handled.size > 50_000) handled.clear();
  handled.add(ref);
  return granted;
}

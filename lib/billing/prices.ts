import type { PricingConfig } from "../credits/config";
import type { BillingInterval, PaidPlanId } from "./events";

/** What a plan costs per interval: a year is twelve months less the yearly discount. */
export function planPriceUsd(config: PricingConfig, plan: PaidPlanId | "free", interval: BillingInterval): number {
  const monthly = config.plans[plan].monthlyPriceUsd;
  if (interval === "month") return monthly;
  return Math.round(monthly * 12 * (1 - config.yearlyDiscount) * 100) / 100;
}

export function formatUsd(amount: number): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: Number.isInteger(amount) ? 0 : 2 }).format(amount);
}

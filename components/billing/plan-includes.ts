import { formatCredits } from "@/components/credits/format";
import type { PricingConfig, PlanId } from "@/lib/credits/config";

/** What a plan gives, in words: shown on the pricing page and the account page. */
export function planIncludes(plan: PricingConfig["plans"][PlanId]): string[] {
  return [
    plan.monthlyGrant > 0 ? `${formatCredits(plan.monthlyGrant)} credits every month` : "No monthly credits",
    `${plan.dailyBonus} bonus credits each day you sign in`,
    plan.professionalMode ? "Professional mode (1080p)" : "Standard mode (720p)",
    plan.watermarkFree ? "Downloads without watermark" : "Downloads carry a watermark",
    `${plan.concurrentJobs} ${plan.concurrentJobs === 1 ? "job" : "jobs"} at a time`,
  ];
}

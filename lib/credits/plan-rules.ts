import { pricingConfig, type PlanId, type PricingConfig, type ModeId } from "./config";

export type PlanRefusalCode = "plan_required";
export type PlanCheck = { ok: true } | { ok: false; code: PlanRefusalCode; message: string };

function cheapestPlanWith(config: PricingConfig, has: (plan: PricingConfig["plans"][PlanId]) => boolean): string {
  const plans = Object.values(config.plans).filter(has).sort((a, b) => a.monthlyPriceUsd - b.monthlyPriceUsd);
  return plans[0]?.name ?? "a paid plan";
}

/** What a plan may use: professional mode only where the plan includes it. */
export function checkPlanAllows(plan: PlanId, request: { mode: ModeId }, config: PricingConfig = pricingConfig()): PlanCheck {
  const rules = config.plans[plan];
  if (request.mode === "professional" && !rules.professionalMode) {
    const upgrade = cheapestPlanWith(config, (p) => p.professionalMode);
    return {
      ok: false,
      code: "plan_required",
      message: `Professional mode (1080p) is not included in the ${rules.name} plan. Upgrade to ${upgrade} or above to use it.`,
    };
  }
  return { ok: true };
}

/** Jobs of one user that may run at once; the others wait queued. */
export function concurrentJobLimit(plan: PlanId, config: PricingConfig = pricingConfig()): number {
  return config.plans[plan].concurrentJobs;
}

export function allowsCleanDownloads(plan: PlanId, config: PricingConfig = pricingConfig()): boolean {
  return config.plans[plan].watermarkFree;
}

import { describe, expect, it } from "vitest";
import { loadPricingConfig } from "./config";
import { allowsCleanDownloads, checkPlanAllows, concurrentJobLimit } from "./plan-rules";

const config = loadPricingConfig();

describe("plan rules", () => {
  it("keep professional mode from the free plan, naming the plan to upgrade to", () => {
    expect(checkPlanAllows("free", { mode: "professional" }, config)).toEqual({
      ok: false,
      code: "plan_required",
      message: "Professional mode (1080p) is not included in the Free plan. Upgrade to Standard or above to use it.",
    });
    expect(checkPlanAllows("free", { mode: "standard" }, config)).toEqual({ ok: true });
  });

  it.each(["standard", "pro", "premier"] as const)("let %s use professional mode", (plan) => {
    expect(checkPlanAllows(plan, { mode: "professional" }, config)).toEqual({ ok: true });
  });

  it("give each plan its concurrent job limit and watermark rule", () => {
    expect((["free", "standard", "pro", "premier"] as const).map((p) => concurrentJobLimit(p, config))).toEqual([1, 3, 5, 10]);
    expect((["free", "standard", "pro", "premier"] as const).map((p) => allowsCleanDownloads(p, config))).toEqual([false, true, true, true]);
  });
});

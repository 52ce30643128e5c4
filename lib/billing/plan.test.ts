import { describe, expect, it } from "vitest";
import { addMonths, bestEffectivePlan, effectivePlan, monthlyGrantEnd, type SubscriptionState } from "./plan";

const end = new Date("2030-05-01T00:00:00Z");
const before = new Date(end.getTime() - 1);
const after = new Date(end.getTime() + 86_400_000);
const standard: SubscriptionState = { plan: "standard", status: "active", currentPeriodEnd: end, cancelAtPeriodEnd: false };

describe("effectivePlan", () => {
  it("is Free without a subscription", () => {
    expect(effectivePlan(null, before)).toBe("free");
  });

  it("gives the plan of an active, trialing or past-due subscription", () => {
    for (const status of ["active", "trialing", "past_due"]) expect(effectivePlan({ ...standard, status }, before)).toBe("standard");
  });

  it("gives Free for a subscription that is canceled, unpaid, incomplete or paused", () => {
    for (const status of ["canceled", "unpaid", "incomplete", "incomplete_expired", "paused"]) {
      expect(effectivePlan({ ...standard, status }, before)).toBe("free");
    }
  });

  it("keeps a plan cancelled at period end until that end, then Free", () => {
    const cancelled = { ...standard, cancelAtPeriodEnd: true };
    expect(effectivePlan(cancelled, before)).toBe("standard");
    expect(effectivePlan(cancelled, end)).toBe("free");
    expect(effectivePlan(cancelled, after)).toBe("free");
  });

  it("keeps a renewing plan past its period end until Stripe says otherwise", () => {
    expect(effectivePlan(standard, after)).toBe("standard");
  });

  it("takes the best plan among several subscriptions", () => {
    const pro = { ...standard, plan: "pro" as const, cancelAtPeriodEnd: true };
    expect(bestEffectivePlan([standard, pro], before)).toBe("pro");
    expect(bestEffectivePlan([standard, pro], after)).toBe("standard");
    expect(bestEffectivePlan([], before)).toBe("free");
  });
});

describe("monthlyGrantEnd", () => {
  it("is the period end of a monthly period", () => {
    const start = new Date("2030-01-31T10:00:00Z");
    expect(monthlyGrantEnd(start, new Date("2030-02-28T10:00:00Z"))).toEqual(new Date("2030-02-28T10:00:00Z"));
  });

  it("is one calendar month after the start of a yearly period", () => {
    const start = new Date("2030-01-15T10:00:00Z");
    expect(monthlyGrantEnd(start, addMonths(start, 12))).toEqual(new Date("2030-02-15T10:00:00Z"));
  });
});

describe("addMonths", () => {
  it("moves by calendar months, a missing day becoming the month's last (as Stripe's periods do)", () => {
    const jan31 = new Date("2031-01-31T10:00:00Z");
    expect(addMonths(jan31, 1)).toEqual(new Date("2031-02-28T10:00:00Z"));
    expect(addMonths(jan31, 2)).toEqual(new Date("2031-03-31T10:00:00Z"));
    expect(addMonths(new Date("2032-02-29T00:00:00Z"), 12)).toEqual(new Date("2033-02-28T00:00:00Z"));
    expect(addMonths(new Date("2031-12-15T00:00:00Z"), 1)).toEqual(new Date("2032-01-15T00:00:00Z"));
  });
});

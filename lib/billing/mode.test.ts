import { describe, expect, it } from "vitest";
import { billingMode } from "./mode";

const keys = { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" };

describe("billing mode", () => {
  it("defaults to test billing in development and to Stripe when both keys are set", () => {
    expect(billingMode({ NODE_ENV: "development" })).toBe("test");
    expect(billingMode({})).toBe("test");
    expect(billingMode({ NODE_ENV: "production", ...keys })).toBe("stripe");
    expect(billingMode({ BILLING_MODE: "stripe", ...keys })).toBe("stripe");
  });

  it("sells through the test checkout in production only when BILLING_MODE=test says so", () => {
    expect(() => billingMode({ NODE_ENV: "production" })).toThrow(/BILLING_MODE=test on purpose/);
    expect(billingMode({ NODE_ENV: "production", BILLING_MODE: "test" })).toBe("test");
    expect(billingMode({ NODE_ENV: "production", BILLING_MODE: "test", ...keys })).toBe("test");
  });

  it("refuses one Stripe key of two, naming the missing one, in any environment", () => {
    expect(() => billingMode({ STRIPE_SECRET_KEY: "sk_test_x" })).toThrow("set STRIPE_WEBHOOK_SECRET (");
    expect(() => billingMode({ NODE_ENV: "production", STRIPE_WEBHOOK_SECRET: "whsec_x" })).toThrow("set STRIPE_SECRET_KEY (");
    expect(() => billingMode({ BILLING_MODE: "stripe" })).toThrow("set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET");
  });

  it("refuses an unknown mode, naming the variable", () => {
    expect(() => billingMode({ BILLING_MODE: "live" })).toThrow("BILLING_MODE=live: must be test or stripe.");
  });
});

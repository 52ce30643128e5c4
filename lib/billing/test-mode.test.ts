import { describe, expect, it } from "vitest";
import { createTestCheckoutToken, readTestCheckoutToken, testCheckoutEvents } from "./test-mode";

const now = new Date("2030-03-01T00:00:00Z");

describe("test checkout tokens", () => {
  it("carry the purchase and its owner, signed", () => {
    const token = createTestCheckoutToken("user_1", { kind: "pack", packId: "pack_660" }, now);
    expect(readTestCheckoutToken(token, now)).toMatchObject({ userId: "user_1", purchase: { kind: "pack", packId: "pack_660" } });
  });

  it("are refused once expired, or signed with another secret", () => {
    const token = createTestCheckoutToken("user_1", { kind: "pack", packId: "pack_660" }, now);
    expect(readTestCheckoutToken(token, new Date(now.getTime() + 60 * 60 * 1000))).toBeNull();
    const secret = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "another-secret";
    try {
      expect(readTestCheckoutToken(token, now)).toBeNull();
    } finally {
      process.env.NEXTAUTH_SECRET = secret;
    }
  });

  it("complete a plan with the events Stripe sends for it, with test_ ids", () => {
    const token = createTestCheckoutToken("user_1", { kind: "plan", plan: "standard", interval: "year" }, now);
    const events = testCheckoutEvents(readTestCheckoutToken(token, now)!, now);
    expect(events.map((e) => e.type)).toEqual(["checkout.session.completed", "customer.subscription.created", "invoice.paid"]);
    expect(events.every((e) => e.id.startsWith("test_evt_"))).toBe(true);
    expect(events[1]).toMatchObject({ data: { object: { items: { data: [{ current_period_end: Date.UTC(2031, 2, 1) / 1000 }] } } } });
  });
});

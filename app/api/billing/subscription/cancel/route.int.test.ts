import { describe, expect, it } from "vitest";
import { refreshUserPlan } from "@/lib/billing/fulfil";
import { completeTestCheckout, createTestCheckoutToken, readTestCheckoutToken } from "@/lib/billing/test-mode";
import { db } from "@/lib/db/client";
import { creditBalance } from "@/lib/credits/ledger";
import { authedRequest } from "@/tests/support/session";
import { createTestUser } from "@/tests/support/users";
import { POST as cancel } from "./route";

describe("cancelling a test subscription", () => {
  it("keeps the plan to the end of the paid period, then Free with the credits kept until they expire", async () => {
    const user = await createTestUser();
    const boughtAt = new Date(Date.now() - 60_000);
    const checkout = readTestCheckoutToken(createTestCheckoutToken(user.id, { kind: "plan", plan: "pro", interval: "month" }, boughtAt), boughtAt);
    await completeTestCheckout(checkout!, boughtAt);

    const response = await cancel(await authedRequest("/api/billing/subscription/cancel", user.id, { method: "POST" }));
    expect(response.status).toBe(200);
    const subscription = await db().subscription.findFirstOrThrow({ where: { userId: user.id } });
    expect(subscription).toMatchObject({ plan: "pro", status: "active", cancelAtPeriodEnd: true });
    expect(subscription.canceledAt).not.toBeNull();
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe("pro");

    const again = await cancel(await authedRequest("/api/billing/subscription/cancel", user.id, { method: "POST" }));
    expect(again.status).toBe(409);

    const lastMoment = new Date(subscription.currentPeriodEnd.getTime() - 1000);
    expect(await refreshUserPlan(user.id, lastMoment)).toBe("pro");
    expect(await creditBalance(user.id, lastMoment)).toBeGreaterThanOrEqual(3000);
    expect(await refreshUserPlan(user.id, subscription.currentPeriodEnd)).toBe("free");
    expect(await db().creditGrant.count({ where: { userId: user.id, source: "monthly_grant", amount: 3000 } })).toBe(1);
  });

  it("answers 409 to a user with no plan", async () => {
    const user = await createTestUser();
    const response = await cancel(await authedRequest("/api/billing/subscription/cancel", user.id, { method: "POST" }));
    expect(response.status).toBe(409);
  });
});

import { describe, expect, it } from "vitest";
import { createTestUser } from "@/tests/support/users";
import { db } from "../db/client";
import { accountPlan } from "./subscriptions";
import { completeTestCheckout, createTestCheckoutToken, readTestCheckoutToken } from "./test-mode";

async function proSubscriber() {
  const user = await createTestUser();
  const boughtAt = new Date(Date.now() - 60_000);
  const checkout = readTestCheckoutToken(createTestCheckoutToken(user.id, { kind: "plan", plan: "pro", interval: "month" }, boughtAt), boughtAt);
  await completeTestCheckout(checkout!, boughtAt);
  return { user, subscription: await db().subscription.findFirstOrThrow({ where: { userId: user.id } }) };
}

const storedPlan = async (userId: string) => (await db().user.findUniqueOrThrow({ where: { id: userId } })).plan;

describe("accountPlan", () => {
  it("gives the plan and the subscription that gives it", async () => {
    const { user, subscription } = await proSubscriber();
    expect(await accountPlan(user.id)).toMatchObject({ planId: "pro", subscription: { id: subscription.id, plan: "pro" } });
  });

  it("shows Free, with no subscription, once a plan cancelled at period end has run out, and stores it", async () => {
    const { user, subscription } = await proSubscriber();
    await db().subscription.update({ where: { id: subscription.id }, data: { cancelAtPeriodEnd: true } });
    const lastMoment = new Date(subscription.currentPeriodEnd.getTime() - 1000);
    expect(await accountPlan(user.id, lastMoment)).toMatchObject({ planId: "pro", subscription: { id: subscription.id, cancelAtPeriodEnd: true } });
    expect(await storedPlan(user.id)).toBe("pro");
    expect(await accountPlan(user.id, subscription.currentPeriodEnd)).toEqual({ planId: "free", subscription: null });
    expect(await storedPlan(user.id)).toBe("free");
  });

  it("is Free with no subscription for a user who never bought one", async () => {
    const user = await createTestUser();
    expect(await accountPlan(user.id)).toEqual({ planId: "free", subscription: null });
  });
});

import { describe, expect, it } from "vitest";
import { createTestUser } from "@/tests/support/users";
import { db } from "../db/client";
import { dropEndedPlans } from "./plan-expiry";

async function subscriber(cancelAtPeriodEnd: boolean, periodEnd: Date) {
  const user = await createTestUser("standard");
  await db().subscription.create({
    data: {
      userId: user.id,
      stripeSubscriptionId: `test_sub_${user.id}`,
      plan: "standard",
      interval: "month",
      status: "active",
      currentPeriodStart: new Date(periodEnd.getTime() - 30 * 86_400_000),
      currentPeriodEnd: periodEnd,
      cancelAtPeriodEnd,
    },
  });
  return user;
}

const planOf = async (id: string) => (await db().user.findUniqueOrThrow({ where: { id } })).plan;

describe("the plan expiry job", () => {
  it("drops a cancelled plan to Free once its period has ended, and only then", async () => {
    const periodEnd = new Date("2031-03-01T00:00:00Z");
    const user = await subscriber(true, periodEnd);
    await dropEndedPlans(new Date("2031-02-28T23:59:00Z"));
    expect(await planOf(user.id)).toBe("standard");
    await dropEndedPlans(new Date("2031-03-01T00:01:00Z"));
    expect(await planOf(user.id)).toBe("free");
  });

  it("leaves a renewing plan alone past its period end (the renewal's events decide)", async () => {
    const user = await subscriber(false, new Date("2031-03-01T00:00:00Z"));
    await dropEndedPlans(new Date("2031-03-01T00:01:00Z"));
    expect(await planOf(user.id)).toBe("standard");
  });
});

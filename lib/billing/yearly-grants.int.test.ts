import { describe, expect, it } from "vitest";
import { createTestUser } from "@/tests/support/users";
import { creditBalance } from "../credits/ledger";
import { db } from "../db/client";
import { monthOfPeriod, grantYearlyPlanMonths } from "./yearly-grants";

const at = (iso: string) => new Date(iso);
const YEAR_START = at("2031-01-31T10:00:00Z");

async function yearlySubscriber(overrides: { cancelAtPeriodEnd?: boolean; status?: "active" | "canceled" | "past_due" | "unpaid"; interval?: "month" | "year" } = {}) {
  const user = await createTestUser("pro");
  const subscription = await db().subscription.create({
    data: {
      userId: user.id,
      stripeSubscriptionId: `sub_yearly_${user.id}`,
      plan: "pro",
      interval: overrides.interval ?? "year",
      status: overrides.status ?? "active",
      currentPeriodStart: YEAR_START,
      currentPeriodEnd: at("2032-01-31T10:00:00Z"),
      cancelAtPeriodEnd: overrides.cancelAtPeriodEnd ?? false,
    },
  });
  return { user, subscription };
}

const grantsOf = (userId: string) => db().creditGrant.findMany({ where: { userId, source: "monthly_grant" }, orderBy: { expiresAt: "asc" } });

describe("monthOfPeriod", () => {
  it("counts calendar months from the period start, clamping short months like Stripe", () => {
    expect(monthOfPeriod(YEAR_START, at("2031-02-28T09:59:59Z"))).toBe(0);
    expect(monthOfPeriod(YEAR_START, at("2031-03-03T10:00:00Z"))).toBe(1);
    expect(monthOfPeriod(YEAR_START, at("2032-01-31T09:00:00Z"))).toBe(11);
  });
});

describe("the yearly plan's monthly grants", () => {
  it("grants each later month of the paid year once, however often and however concurrently it runs", async () => {
    const { user } = await yearlySubscriber();
    // The first month is the invoice's grant, not this job's.
    expect(await grantYearlyPlanMonths(at("2031-02-15T00:00:00Z"))).toBe(0);
    expect(await grantsOf(user.id)).toHaveLength(0);

    const inMonthTwo = at("2031-03-05T00:00:00Z");
    await Promise.all(Array.from({ length: 8 }, () => grantYearlyPlanMonths(inMonthTwo)));
    await grantYearlyPlanMonths(at("2031-03-20T00:00:00Z"));
    const grants = await grantsOf(user.id);
    expect(grants.map((g) => [g.amount, g.expiresAt.toISOString()])).toEqual([[3000, "2031-03-31T10:00:00.000Z"]]);
    expect(await creditBalance(user.id, inMonthTwo)).toBe(3000);

    await grantYearlyPlanMonths(at("2031-05-01T00:00:00Z"));
    expect((await grantsOf(user.id)).map((g) => g.expiresAt.toISOString())).toEqual(["2031-03-31T10:00:00.000Z", "2031-05-31T10:00:00.000Z"]);
  });

  it("keeps granting a yearly plan cancelled at period end until that end; nothing for monthly or ended plans", async () => {
    const cancelled = await yearlySubscriber({ cancelAtPeriodEnd: true });
    const monthly = await yearlySubscriber({ interval: "month" });
    const ended = await yearlySubscriber({ status: "canceled" });
    await grantYearlyPlanMonths(at("2031-06-10T00:00:00Z"));
    expect(await grantsOf(cancelled.user.id)).toHaveLength(1);
    expect(await grantsOf(monthly.user.id)).toHaveLength(0);
    expect(await grantsOf(ended.user.id)).toHaveLength(0);
    await grantYearlyPlanMonths(at("2032-02-10T00:00:00Z"));
    expect(await grantsOf(cancelled.user.id)).toHaveLength(1);
  });

  it("grants nothing while the latest invoice is unpaid (past_due, unpaid), and the month once it is paid", async () => {
    const pastDue = await yearlySubscriber({ status: "past_due" });
    const unpaid = await yearlySubscriber({ status: "unpaid" });
    const inMonthFour = at("2031-05-10T00:00:00Z");
    await grantYearlyPlanMonths(inMonthFour);
    expect(await grantsOf(pastDue.user.id)).toHaveLength(0);
    expect(await grantsOf(unpaid.user.id)).toHaveLength(0);
    await db().subscription.update({ where: { id: pastDue.subscription.id }, data: { status: "active" } });
    await grantYearlyPlanMonths(at("2031-05-20T00:00:00Z"));
    expect((await grantsOf(pastDue.user.id)).map((g) => g.expiresAt.toISOString())).toEqual(["2031-05-31T10:00:00.000Z"]);
  });
});

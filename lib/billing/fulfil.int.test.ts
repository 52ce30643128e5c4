import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTestUser } from "@/tests/support/users";
import { shuffled } from "@/tests/support/shuffle";
import { db } from "../db/client";
import { creditBalance } from "../credits/ledger";
import { checkoutCompletedEvent, invoicePaidEvent, subscriptionEvent, type SubscriptionSnapshot } from "./build-events";
import { parseBillingEvent, type BillingEventInput } from "./events";
import { fulfilBillingEvent, refreshUserPlan } from "./fulfil";

const at = (iso: string) => new Date(iso);
const T0 = at("2030-03-01T00:00:00Z");
const T1 = at("2030-04-01T00:00:00Z");
const T2 = at("2030-05-01T00:00:00Z");
const SOON = at("2030-04-02T12:00:00Z");

const uid = () => randomUUID().slice(0, 8);
const deliver = (event: BillingEventInput, now: Date) => fulfilBillingEvent(parseBillingEvent(event), { now });

function standardSubscription(userId: string, overrides: Partial<SubscriptionSnapshot> = {}): SubscriptionSnapshot {
  return {
    id: `sub_${uid()}`,
    userId,
    plan: "standard",
    interval: "month",
    status: "active",
    periodStart: T0,
    periodEnd: T1,
    cancelAtPeriodEnd: false,
    canceledAt: null,
    ...overrides,
  };
}

async function monthlyGrants(userId: string) {
  return db().creditGrant.findMany({ where: { userId, source: "monthly_grant" }, orderBy: { expiresAt: "asc" } });
}

describe("fulfilBillingEvent", () => {
  it("a subscription's life delivered 3 times each, in shuffled orders: every grant once, the newest state wins", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const user = await createTestUser();
      const first = standardSubscription(user.id);
      const renewed = { ...first, periodStart: T1, periodEnd: T2 };
      const cancelled = { ...renewed, cancelAtPeriodEnd: true, canceledAt: at("2030-04-02T00:00:00Z") };
      const ev = (created: Date) => ({ eventId: `evt_${uid()}`, created });
      const events = [
        checkoutCompletedEvent(ev(T0), { id: `cs_${uid()}`, userId: user.id, subscriptionId: first.id }),
        subscriptionEvent("customer.subscription.created", ev(T0), first),
        invoicePaidEvent(ev(T0), { id: `in_${uid()}`, subscription: first, periodStart: T0, periodEnd: T1 }),
        subscriptionEvent("customer.subscription.updated", ev(T1), renewed),
        invoicePaidEvent(ev(T1), { id: `in_${uid()}`, subscription: renewed, periodStart: T1, periodEnd: T2 }),
        subscriptionEvent("customer.subscription.updated", ev(cancelled.canceledAt), cancelled),
        checkoutCompletedEvent(ev(T1), { id: `cs_${uid()}`, userId: user.id, packId: "pack_330", paymentIntent: `pi_${uid()}` }),
      ];
      // Processed a day into the second period: the first invoice's credits have already expired.
      const outcomes = [];
      for (const event of shuffled([...events, ...events, ...events], seed)) outcomes.push(await deliver(event, SOON));

      expect(outcomes.filter((o) => o === "replay"), `seed ${seed}`).toHaveLength(events.length * 2);
      const grants = await monthlyGrants(user.id);
      expect(grants.map((g) => [g.amount, g.expiresAt]), `seed ${seed}`).toEqual([[660, T2]]);
      expect(await db().creditGrant.count({ where: { userId: user.id, source: "purchase" } })).toBe(1);
      expect(await creditBalance(user.id, SOON)).toBe(660 + 330);
      const subscription = await db().subscription.findUniqueOrThrow({ where: { stripeSubscriptionId: first.id } });
      expect(subscription, `seed ${seed}`).toMatchObject({
        plan: "standard",
        status: "active",
        currentPeriodStart: T1,
        currentPeriodEnd: T2,
        cancelAtPeriodEnd: true,
        stripeEventAt: cancelled.canceledAt,
      });
      expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe("standard");
    }
  });

  it("an invoice or a subscription state for a past period, after a newer one, changes nothing", async () => {
    const user = await createTestUser();
    const older = standardSubscription(user.id);
    const newer = { ...older, plan: "pro" as const, periodStart: T1, periodEnd: T2 };
    const ev = (created: Date) => ({ eventId: `evt_${uid()}`, created });

    expect(await deliver(subscriptionEvent("customer.subscription.updated", ev(T1), newer), SOON)).toBe("applied");
    expect(await deliver(invoicePaidEvent(ev(T1), { id: `in_${uid()}`, subscription: newer, periodStart: T1, periodEnd: T2 }), SOON)).toBe("applied");
    expect(await deliver(subscriptionEvent("customer.subscription.created", ev(T0), older), SOON)).toBe("stale");
    expect(await deliver(invoicePaidEvent(ev(T0), { id: `in_${uid()}`, subscription: older, periodStart: T0, periodEnd: T1 }), SOON)).toBe("applied");

    expect(await db().subscription.findUniqueOrThrow({ where: { stripeSubscriptionId: older.id } })).toMatchObject({
      plan: "pro",
      currentPeriodStart: T1,
      currentPeriodEnd: T2,
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe("pro");
    expect((await monthlyGrants(user.id)).map((g) => g.amount)).toEqual([3000]);
  });

  it("a deleted subscription stays deleted, whatever arrives after it", async () => {
    const user = await createTestUser();
    const subscription = standardSubscription(user.id, { periodStart: T1, periodEnd: T2 });
    const ev = (created: Date) => ({ eventId: `evt_${uid()}`, created });
    await deliver(subscriptionEvent("customer.subscription.created", ev(T1), subscription), SOON);
    await deliver(subscriptionEvent("customer.subscription.deleted", ev(SOON), { ...subscription, status: "canceled", canceledAt: SOON }), SOON);
    expect(await deliver(subscriptionEvent("customer.subscription.updated", ev(SOON), subscription), SOON)).toBe("stale");
    expect((await db().subscription.findUniqueOrThrow({ where: { stripeSubscriptionId: subscription.id } })).status).toBe("canceled");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe("free");
  });

  it("a pack paid once grants once, even when its payment is reported twice", async () => {
    const user = await createTestUser();
    const paymentIntent = `pi_${uid()}`;
    const pack = (eventId: string) =>
      checkoutCompletedEvent({ eventId, created: T0 }, { id: `cs_${uid()}`, userId: user.id, packId: "pack_660", paymentIntent });
    const event = pack(`evt_${uid()}`);
    expect(await deliver(event, SOON)).toBe("applied");
    expect(await deliver(event, SOON)).toBe("replay");
    expect(await deliver(pack(`evt_${uid()}`), SOON)).toBe("applied");
    const grants = await db().creditGrant.findMany({ where: { userId: user.id } });
    expect(grants.map((g) => g.amount)).toEqual([660]);
  });

  it("concurrent deliveries of the same events apply each once", async () => {
    const user = await createTestUser();
    const subscription = standardSubscription(user.id, { periodStart: T1, periodEnd: T2 });
    const events = [
      subscriptionEvent("customer.subscription.created", { eventId: `evt_${uid()}`, created: T1 }, subscription),
      invoicePaidEvent({ eventId: `evt_${uid()}`, created: T1 }, { id: `in_${uid()}`, subscription, periodStart: T1, periodEnd: T2 }),
    ];
    const outcomes = await Promise.all([...events, ...events, ...events, ...events].map((e) => deliver(e, SOON)));
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(2);
    expect(await creditBalance(user.id, SOON)).toBe(660);
  });

  it("a plan cancelled at period end stays to that end, then the user is on Free with the credits kept", async () => {
    const user = await createTestUser();
    const subscription = standardSubscription(user.id, { periodStart: T1, periodEnd: T2 });
    await deliver(subscriptionEvent("customer.subscription.created", { eventId: `evt_${uid()}`, created: T1 }, subscription), SOON);
    await deliver(checkoutCompletedEvent({ eventId: `evt_${uid()}`, created: T1 }, { id: `cs_${uid()}`, userId: user.id, packId: "pack_330", paymentIntent: `pi_${uid()}` }), SOON);
    const cancelled = { ...subscription, cancelAtPeriodEnd: true, canceledAt: SOON };
    await deliver(subscriptionEvent("customer.subscription.updated", { eventId: `evt_${uid()}`, created: SOON }, cancelled), SOON);

    expect(await refreshUserPlan(user.id, new Date(T2.getTime() - 1000))).toBe("standard");
    expect(await refreshUserPlan(user.id, T2)).toBe("free");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe("free");
    expect(await creditBalance(user.id, T2)).toBe(330);
  });
});

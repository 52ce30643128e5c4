import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as checkout } from "@/app/api/billing/checkout/route";
import { POST as portal } from "@/app/api/billing/portal/route";
import { POST as webhook } from "@/app/api/billing/webhook/route";
import { grantYearlyPlanMonths } from "@/lib/billing/yearly-grants";
import { creditBalance, spendCredits } from "@/lib/credits/ledger";
import { db } from "@/lib/db/client";
import { startFakeStripe, type FakeStripe, type FakeStripeEvent } from "@/tests/support/fake-stripe";
import { authedRequest } from "@/tests/support/session";
import { createTestUser } from "@/tests/support/users";
import { shuffled } from "@/tests/support/shuffle";
import { stripe } from "./client";
import { clearPriceCache } from "./lookup";

let fake: FakeStripe;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeStripe();
  Object.assign(process.env, fake.env);
  fake.addPrice("standard_month", 1000, "month");
  fake.addPrice("pro_year", 35520, "year");
  fake.addPrice("pack_330", 500);
});
afterAll(async () => {
  for (const key of Object.keys(fake.env)) process.env[key] = saved[key];
  await fake.stop();
});
beforeEach(() => clearPriceCache());

const post = (url: string, userId: string | null, body?: unknown) =>
  authedRequest(url, userId, { method: "POST", ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }) });

async function startCheckout(userId: string, purchase: unknown) {
  const response = await checkout(await post("/api/billing/checkout", userId, purchase));
  const body = (await response.json()) as { url?: string; error?: { message: string } };
  return { status: response.status, ...body };
}

const sessionIdOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

function deliver(event: FakeStripeEvent, options: { secret?: string; signature?: string } = {}) {
  const signed = fake.signed(event, options.secret);
  const headers = new Headers({ "content-type": "application/json", "stripe-signature": options.signature ?? signed.signature });
  return webhook(new NextRequest("http://localhost/api/billing/webhook", { method: "POST", body: signed.body, headers }));
}

async function deliverAll(events: FakeStripeEvent[]) {
  const outcomes: string[] = [];
  for (const event of events) {
    const response = await deliver(event);
    expect(response.status, await response.clone().text()).toBe(200);
    outcomes.push(((await response.json()) as { outcome: string }).outcome);
  }
  return outcomes;
}

/** Everything billing may change for a user (the daily bonus aside). */
async function billingState(userId: string) {
  const [user, subscriptions, grants] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: userId }, select: { plan: true } }),
    db().subscription.findMany({ where: { userId }, select: { plan: true, status: true, currentPeriodEnd: true, cancelAtPeriodEnd: true } }),
    db().creditGrant.findMany({ where: { userId, source: { not: "daily_bonus" } }, select: { source: true, amount: true, remaining: true, expiresAt: true }, orderBy: { createdAt: "asc" } }),
  ]);
  return { plan: user.plan, subscriptions, grants };
}

/** The balance less the daily bonus a signed-in request grants. */
async function purchasedBalance(userId: string) {
  const bonus = await db().creditGrant.aggregate({ where: { userId, source: "daily_bonus" }, _sum: { remaining: true } });
  return (await creditBalance(userId)) - (bonus._sum.remaining ?? 0);
}

describe("Stripe checkout and portal", () => {
  it("opens a subscription checkout by lookup key for one Stripe customer per user, reused", async () => {
    const user = await createTestUser();
    const first = await startCheckout(user.id, { kind: "plan", plan: "standard", interval: "month" });
    expect(first.status).toBe(200);
    expect(first.url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    const session = fake.sessions.get(sessionIdOf(first.url!))!;
    expect(session).toMatchObject({ mode: "subscription", client_reference_id: user.id, subscription_data: { metadata: { userId: user.id } } });
    expect(session.success_url).toBe("http://localhost/account?purchase=ok");

    const second = await startCheckout(user.id, { kind: "pack", packId: "pack_330" });
    expect(fake.sessions.get(sessionIdOf(second.url!))).toMatchObject({ mode: "payment", customer: session.customer, metadata: { packId: "pack_330", userId: user.id } });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId).toBe(session.customer);
    expect([...fake.customers.values()].filter((c) => (c.metadata as { userId?: string }).userId === user.id)).toHaveLength(1);
  });

  it("concurrent first checkouts of a user make one Stripe customer", async () => {
    const user = await createTestUser();
    const results = await Promise.all(Array.from({ length: 5 }, () => startCheckout(user.id, { kind: "pack", packId: "pack_330" })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const customers = new Set(results.map((r) => fake.sessions.get(sessionIdOf(r.url!))!.customer));
    expect(customers.size).toBe(1);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId).toBe([...customers][0]);
  });

  it("says what is wrong when a price is missing, a pack is unknown or a plan already renews", async () => {
    const user = await createTestUser();
    const missing = await startCheckout(user.id, { kind: "plan", plan: "premier", interval: "month" });
    expect(missing).toMatchObject({ status: 503, error: { message: "This purchase is not set up on our payment provider yet. Please try again later." } });
    expect(await startCheckout(user.id, { kind: "pack", packId: "pack_9999" })).toMatchObject({ status: 422, error: { message: "There is no such credit pack." } });

    const bought = await startCheckout(user.id, { kind: "plan", plan: "standard", interval: "month" });
    await deliverAll(fake.pay(sessionIdOf(bought.url!)));
    const again = await startCheckout(user.id, { kind: "plan", plan: "pro", interval: "year" });
    expect(again).toMatchObject({ status: 409, error: { message: "You are on the Standard plan. Switch plans with Manage billing on your account page instead of buying another plan." } });
  });

  it("two plan checkouts opened at the same moment (two tabs): one opens, the other is refused while it is open", async () => {
    const user = await createTestUser();
    const results = await Promise.all([
      startCheckout(user.id, { kind: "plan", plan: "standard", interval: "month" }),
      startCheckout(user.id, { kind: "plan", plan: "pro", interval: "year" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.error!.message).toMatch(/^A plan checkout is already open for your account/);
    const open = [...fake.sessions.values()].filter((s) => s.client_reference_id === user.id && s.status === "open");
    expect(open).toHaveLength(1);
    expect(open[0]!.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect(await startCheckout(user.id, { kind: "pack", packId: "pack_330" })).toMatchObject({ status: 200 });
  });

  it("replaces a customer deleted in the dashboard with a new one, once", async () => {
    const user = await createTestUser();
    const first = await startCheckout(user.id, { kind: "pack", packId: "pack_330" });
    const deleted = fake.sessions.get(sessionIdOf(first.url!))!.customer;
    fake.deleteCustomer(deleted);
    const results = await Promise.all([0, 1].map(() => startCheckout(user.id, { kind: "pack", packId: "pack_330" })));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const replacements = new Set(results.map((r) => fake.sessions.get(sessionIdOf(r.url!))!.customer));
    expect(replacements.size).toBe(1);
    expect(replacements.has(deleted)).toBe(false);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId).toBe([...replacements][0]);
  });

  it("replaces a replacement that is missing too (a stale writer stored the deleted customer again)", async () => {
    const user = await createTestUser();
    const first = await startCheckout(user.id, { kind: "pack", packId: "pack_330" });
    const deleted = fake.sessions.get(sessionIdOf(first.url!))!.customer;
    fake.deleteCustomer(deleted);
    const second = await startCheckout(user.id, { kind: "pack", packId: "pack_330" });
    const replacement = fake.sessions.get(sessionIdOf(second.url!))!.customer;
    fake.deleteCustomer(replacement);
    // What the race leaves: the first deleted id stored again, and its replacement's key already spent on a deleted customer.
    await db().user.update({ where: { id: user.id }, data: { stripeCustomerId: deleted } });
    const third = await startCheckout(user.id, { kind: "pack", packId: "pack_330" });
    expect(third.status, third.error?.message).toBe(200);
    const customer = fake.sessions.get(sessionIdOf(third.url!))!.customer;
    expect([deleted, replacement]).not.toContain(customer);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId).toBe(customer);
  });

  it("opens the Billing Portal for the user's customer, returning to the account page", async () => {
    const user = await createTestUser();
    const response = await portal(await post("/api/billing/portal", user.id));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { url: string }).url).toMatch(/^https:\/\/billing\.stripe\.test\/p\/session\/bps_/);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId).toMatch(/^cus_/);
    expect((await portal(await post("/api/billing/portal", null))).status).toBe(401);
  });
});

describe("Stripe webhook", () => {
  it("refuses a wrong signature with 400 and changes nothing", async () => {
    const user = await createTestUser();
    const { url } = await startCheckout(user.id, { kind: "plan", plan: "standard", interval: "month" });
    const events = fake.pay(sessionIdOf(url!));
    const before = await billingState(user.id);
    for (const event of events) {
      const forged = await deliver(event, { secret: "whsec_not_ours" });
      expect(forged.status).toBe(400);
      expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/^Webhook signature verification failed: /);
      expect((await deliver(event, { signature: "" })).status).toBe(400);
    }
    expect(await billingState(user.id)).toEqual(before);
    expect(await db().stripeEvent.count({ where: { id: { in: events.map((e) => e.id) } } })).toBe(0);
  });

  it("a purchase's events delivered 3 times each in shuffled orders: each grant once, the final plan right", async () => {
    for (const seed of [7, 8, 9]) {
      const user = await createTestUser();
      const plan = await startCheckout(user.id, { kind: "plan", plan: "standard", interval: "month" });
      const subscribed = fake.pay(sessionIdOf(plan.url!));
      const pack = await startCheckout(user.id, { kind: "pack", packId: "pack_330" });
      const packPaid = fake.pay(sessionIdOf(pack.url!));
      const subscriptionId = fake.sessions.get(sessionIdOf(plan.url!))!.subscription as string;
      const cancelled = fake.cancelAtPeriodEnd(subscriptionId, new Date(Date.now() + 60_000));
      const events = [...subscribed, ...packPaid, cancelled];

      const reads = fake.subscriptionReads.length;
      const outcomes = await deliverAll(shuffled([...events, ...events, ...events], seed));
      // Subscription events are applied as Stripe has the subscription now, re-read each time.
      expect(fake.subscriptionReads.length - reads).toBe(3 * 2);
      expect(outcomes.filter((o) => o === "replay"), `seed ${seed}`).toHaveLength(events.length * 2);
      const state = await billingState(user.id);
      expect(state.plan, `seed ${seed}`).toBe("standard");
      expect(state.subscriptions, `seed ${seed}`).toMatchObject([{ plan: "standard", status: "active", cancelAtPeriodEnd: true }]);
      expect(state.grants.map((g) => [g.source, g.amount]).sort(), `seed ${seed}`).toEqual([["monthly_grant", 660], ["purchase", 330]]);
      expect(await purchasedBalance(user.id)).toBe(660 + 330);
    }
  });

  it("an invoice for a past period arriving after a newer one regresses nothing", async () => {
    const user = await createTestUser();
    const { url } = await startCheckout(user.id, { kind: "plan", plan: "standard", interval: "month" });
    // Bought a month and a half ago, so its first period has ended and the second is running.
    const boughtAt = new Date(Date.now() - 45 * 86_400_000);
    const first = fake.pay(sessionIdOf(url!), boughtAt);
    const subscriptionId = fake.sessions.get(sessionIdOf(url!))!.subscription as string;
    const second = fake.renew(subscriptionId);

    await deliverAll(second);
    const current = await billingState(user.id);
    expect(current.grants).toHaveLength(1);
    expect(current.subscriptions[0]!.currentPeriodEnd.getTime()).toBe(fake.subscriptions.get(subscriptionId)!.items.data[0]!.current_period_end * 1000);

    expect(await deliverAll(first)).toEqual(["stale", "applied", "applied"]);
    const after = await billingState(user.id);
    expect(after).toEqual(current);
  });

  it("acknowledges event types it does not act on, and events about subscriptions that are not ours", async () => {
    const ignored = await deliverAll([
      fake.event("charge.succeeded", { id: "ch_1", object: "charge" }),
      fake.event("customer.subscription.updated", { id: "sub_foreign", object: "subscription", customer: "cus_unknown", status: "active", cancel_at_period_end: false, canceled_at: null, metadata: {}, items: { data: [] } }),
    ]);
    expect(ignored).toEqual(["ignored", "ignored"]);
    expect(await db().subscription.count({ where: { stripeSubscriptionId: "sub_foreign" } })).toBe(0);
  });

  it("matches a subscription made outside our checkout to its user by the Stripe customer", async () => {
    const user = await createTestUser();
    const { url } = await startCheckout(user.id, { kind: "plan", plan: "standard", interval: "month" });
    const events = fake.pay(sessionIdOf(url!));
    fake.subscriptions.get(fake.sessions.get(sessionIdOf(url!))!.subscription as string)!.metadata = {};
    for (const event of events) {
      const object = event.data.object as { metadata?: Record<string, string>; parent?: { subscription_details: { metadata: Record<string, string> } } };
      if (object.metadata) object.metadata = {};
      if (object.parent) object.parent.subscription_details.metadata = {};
    }
    await deliverAll(events);
    expect((await billingState(user.id)).plan).toBe("standard");
    expect(await purchasedBalance(user.id)).toBe(660);
  });
});

describe("a second live subscription (two checkouts paid anyway)", () => {
  it("is canceled at once with a refund of its unused period, and grants nothing, whatever the order (3 trials)", async () => {
    for (let trial = 0; trial < 3; trial++) {
      const user = await createTestUser();
      const first = await startCheckout(user.id, { kind: "plan", plan: "standard", interval: "month" });
      const customer = fake.sessions.get(sessionIdOf(first.url!))!.customer;
      // A session Reelsmith refused to open: made straight on Stripe, as an older tab could have.
      const price = (await stripe().prices.list({ lookup_keys: ["pro_year"], active: true })).data[0]!;
      const second = await stripe().checkout.sessions.create({
        customer,
        client_reference_id: user.id,
        mode: "subscription",
        line_items: [{ price: price.id, quantity: 1 }],
        subscription_data: { metadata: { userId: user.id } },
        success_url: "http://localhost/account",
      });
      const paid = [fake.pay(sessionIdOf(first.url!)), fake.pay(second.id)];
      const delivered = await Promise.all(paid.map((events) => deliverAll(trial === 1 ? events.toReversed() : shuffled(events, trial * 7 + 1))));
      expect(delivered.flat().filter((o) => o === "second_plan").length).toBeGreaterThanOrEqual(1);

      const rows = await db().subscription.findMany({ where: { userId: user.id } });
      expect(rows.map((r) => r.status).sort()).toEqual(["active", "canceled"]);
      const kept = rows.find((r) => r.status === "active")!;
      const dropped = rows.find((r) => r.status === "canceled")!;
      expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe(kept.plan);
      const grants = await db().creditGrant.findMany({ where: { userId: user.id, source: "monthly_grant" } });
      expect(grants.map((g) => g.amount)).toEqual([kept.plan === "standard" ? 660 : 3000]);

      expect(fake.subscriptions.get(dropped.stripeSubscriptionId)!.status).toBe("canceled");
      expect(fake.subscriptions.get(kept.stripeSubscriptionId)!.status).toBe("active");
      const refunds = fake.refunds.filter((r) => r.metadata.subscription === dropped.stripeSubscriptionId);
      expect(refunds).toHaveLength(1);
      const paidAmount = dropped.plan === "standard" ? 1000 : 35520;
      expect(refunds[0]!.amount).toBeGreaterThan(paidAmount * 0.99);
      expect(refunds[0]!.amount).toBeLessThanOrEqual(paidAmount);
      expect(refunds[0]!.payment_intent).toBe(fake.paymentOfInvoice(fake.subscriptions.get(dropped.stripeSubscriptionId)!.latest_invoice!));
    }
  });
});

describe("refunds and disputes", () => {
  async function buyPack(userId: string) {
    const { url } = await startCheckout(userId, { kind: "pack", packId: "pack_330" });
    const events = fake.pay(sessionIdOf(url!));
    await deliverAll(events);
    return fake.sessions.get(sessionIdOf(url!))!.payment_intent as string;
  }
  const takenBack = (userId: string) => db().creditEntry.findMany({ where: { userId, reason: "adjustment" }, select: { amount: true, note: true } });

  it("a refunded pack takes back its unspent credits once, with a ledger line; a later dispute of it takes nothing more", async () => {
    const user = await createTestUser();
    const intent = await buyPack(user.id);
    await spendCredits(user.id, 100, `refund-test-${user.id}`);
    const left = (await db().creditGrant.findFirstOrThrow({ where: { userId: user.id, source: "purchase" } })).remaining;
    expect(left).toBeLessThan(330);
    const balance = await creditBalance(user.id);
    const refund = fake.refundPayment(intent);
    expect(await deliverAll([refund, refund])).toEqual(["applied", "replay"]);
    expect(await creditBalance(user.id)).toBe(balance - left);
    expect(await takenBack(user.id)).toEqual([{ amount: -left, note: "payment refunded" }]);
    expect(await deliverAll([fake.dispute(intent)])).toEqual(["applied"]);
    expect(await takenBack(user.id)).toHaveLength(1);
    expect((await db().creditGrant.findFirstOrThrow({ where: { userId: user.id, source: "purchase" } })).remaining).toBe(0);
  });

  it("a partial refund takes back its share; the rest of the refund takes the rest; never below zero", async () => {
    const user = await createTestUser();
    const intent = await buyPack(user.id);
    await deliverAll([fake.refundPayment(intent, 250)]); // half of $5
    const grant = () => db().creditGrant.findFirstOrThrow({ where: { userId: user.id, source: "purchase" } });
    expect((await grant()).remaining).toBe(165);
    await spendCredits(user.id, await creditBalance(user.id), `drain-${user.id}`);
    await deliverAll([fake.refundPayment(intent, 250)]);
    expect((await grant()).remaining).toBe(0);
    expect(await creditBalance(user.id)).toBe(0);
    expect((await takenBack(user.id)).map((e) => e.amount)).toEqual([-165]);
  });

  it("a disputed yearly invoice takes back the months granted from that paid year", async () => {
    const user = await createTestUser();
    const { url } = await startCheckout(user.id, { kind: "plan", plan: "pro", interval: "year" });
    const paidAt = new Date();
    await deliverAll(fake.pay(sessionIdOf(url!), paidAt));
    const subscription = await db().subscription.findFirstOrThrow({ where: { userId: user.id } });
    const inMonthTwo = new Date(paidAt.getTime() + 40 * 24 * 3600_000);
    await grantYearlyPlanMonths(inMonthTwo);
    const grants = await db().creditGrant.findMany({ where: { userId: user.id, source: "monthly_grant" } });
    expect(grants.map((g) => g.amount)).toEqual([3000, 3000]);

    const intent = fake.paymentOfInvoice(fake.subscriptions.get(subscription.stripeSubscriptionId)!.latest_invoice!);
    expect(await deliverAll([fake.dispute(intent)])).toEqual(["applied"]);
    expect((await takenBack(user.id)).map((e) => [e.amount, e.note])).toEqual([
      [-3000, "payment disputed"],
      [-3000, "payment disputed"],
    ]);
    expect(await db().creditGrant.aggregate({ where: { userId: user.id, source: "monthly_grant" }, _sum: { remaining: true } })).toEqual({ _sum: { remaining: 0 } });
  });
});


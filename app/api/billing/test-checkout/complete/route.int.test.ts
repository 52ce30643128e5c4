import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { creditBalance } from "@/lib/credits/ledger";
import { authedRequest } from "@/tests/support/session";
import { createTestUser } from "@/tests/support/users";
import { POST as checkout } from "../../checkout/route";
import { POST as complete } from "./route";

const post = (url: string, userId: string | null, body: unknown) =>
  authedRequest(url, userId, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

async function startCheckout(userId: string, purchase: unknown): Promise<string> {
  const response = await checkout(await post("/api/billing/checkout", userId, purchase));
  expect(response.status).toBe(200);
  const { url } = (await response.json()) as { url: string };
  expect(url).toMatch(/^\/billing\/test-checkout\/[\w-]+\.[\w-]+$/);
  return url.slice("/billing/test-checkout/".length);
}

/** What a purchase may change: plan, subscriptions and grants (a first request of the day adds only the daily bonus). */
async function billingState(userId: string) {
  const [user, subscriptions, grants] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: userId }, select: { plan: true } }),
    db().subscription.count({ where: { userId } }),
    db().creditGrant.findMany({ where: { userId, source: { not: "daily_bonus" } }, select: { id: true, remaining: true } }),
  ]);
  return { plan: user.plan, subscriptions, grants };
}

describe("offline test checkout", () => {
  it("buys Standard monthly: plan, subscription and 660 credits, once however often it is completed", async () => {
    const user = await createTestUser();
    const token = await startCheckout(user.id, { kind: "plan", plan: "standard", interval: "month" });
    const before = await creditBalance(user.id);

    for (let i = 0; i < 3; i++) {
      const response = await complete(await post("/api/billing/test-checkout/complete", user.id, { token }));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ url: "/account?purchase=ok" });
    }

    expect(await creditBalance(user.id)).toBe(before + 660);
    const subscription = await db().subscription.findFirstOrThrow({ where: { userId: user.id } });
    expect(subscription).toMatchObject({ plan: "standard", interval: "month", status: "active", cancelAtPeriodEnd: false });
    expect(subscription.stripeSubscriptionId).toMatch(/^test_sub_/);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe("standard");
    const events = await db().stripeEvent.findMany({ where: { id: { startsWith: `test_evt_${subscription.stripeSubscriptionId.slice(9)}` } } });
    expect(events.map((e) => e.type).sort()).toEqual(["checkout.session.completed", "customer.subscription.created", "invoice.paid"]);

    const again = await checkout(await post("/api/billing/checkout", user.id, { kind: "plan", plan: "pro", interval: "year" }));
    expect(again.status).toBe(409);
  });

  it("refuses a second plan opened side by side with the first", async () => {
    const user = await createTestUser();
    const first = await startCheckout(user.id, { kind: "plan", plan: "standard", interval: "month" });
    const second = await startCheckout(user.id, { kind: "plan", plan: "premier", interval: "month" });
    expect((await complete(await post("/api/billing/test-checkout/complete", user.id, { token: first }))).status).toBe(200);
    expect((await complete(await post("/api/billing/test-checkout/complete", user.id, { token: second }))).status).toBe(409);
    expect((await complete(await post("/api/billing/test-checkout/complete", user.id, { token: first }))).status).toBe(200);
    expect(await db().subscription.count({ where: { userId: user.id } })).toBe(1);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe("standard");
  });

  it("two plan checkouts completed at the same moment: exactly one is fulfilled (3 trials)", async () => {
    for (let trial = 0; trial < 3; trial++) {
      const user = await createTestUser();
      const tokens = [
        await startCheckout(user.id, { kind: "plan", plan: "standard", interval: "month" }),
        await startCheckout(user.id, { kind: "plan", plan: "pro", interval: "month" }),
      ];
      const requests = await Promise.all(tokens.map((token) => post("/api/billing/test-checkout/complete", user.id, { token })));
      const statuses = (await Promise.all(requests.map((request) => complete(request)))).map((r) => r.status);
      expect(statuses.sort()).toEqual([200, 409]);
      const subscriptions = await db().subscription.findMany({ where: { userId: user.id } });
      expect(subscriptions).toHaveLength(1);
      const grants = await db().creditGrant.findMany({ where: { userId: user.id, source: "monthly_grant" } });
      expect(grants.map((g) => g.amount)).toEqual([subscriptions[0]!.plan === "standard" ? 660 : 3000]);
      expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe(subscriptions[0]!.plan);
    }
  });

  it("two plan checkouts opened at the same moment after a plan was bought: both refused", async () => {
    const user = await createTestUser();
    const token = await startCheckout(user.id, { kind: "plan", plan: "standard", interval: "month" });
    await complete(await post("/api/billing/test-checkout/complete", user.id, { token }));
    const requests = await Promise.all([0, 1].map(() => post("/api/billing/checkout", user.id, { kind: "plan", plan: "pro", interval: "month" })));
    const responses = await Promise.all(requests.map((request) => checkout(request)));
    expect(responses.map((r) => r.status)).toEqual([409, 409]);
    expect((await responses[0]!.json()).error.message).toBe("You are on the Standard plan. Cancel it on your account page instead of buying another plan.");
  });

  it("buys a credit pack, once", async () => {
    const user = await createTestUser();
    const token = await startCheckout(user.id, { kind: "pack", packId: "pack_3500" });
    await complete(await post("/api/billing/test-checkout/complete", user.id, { token }));
    await complete(await post("/api/billing/test-checkout/complete", user.id, { token }));
    const grants = await db().creditGrant.findMany({ where: { userId: user.id, source: "purchase" } });
    expect(grants.map((g) => g.amount)).toEqual([3500]);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe("free");
  });

  it("refuses an unknown pack or plan", async () => {
    const user = await createTestUser();
    expect((await checkout(await post("/api/billing/checkout", user.id, { kind: "pack", packId: "pack_1" }))).status).toBe(422);
    expect((await checkout(await post("/api/billing/checkout", user.id, { kind: "plan", plan: "free", interval: "month" }))).status).toBe(422);
    expect((await checkout(await post("/api/billing/checkout", null, { kind: "pack", packId: "pack_330" }))).status).toBe(401);
  });

  it("a tampered, forged or foreign token: 400 or 403, and nothing changes", async () => {
    const [owner, thief] = [await createTestUser(), await createTestUser()];
    const token = await startCheckout(owner.id, { kind: "plan", plan: "standard", interval: "month" });
    const [payload, mac] = token.split(".") as [string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const edited = Buffer.from(JSON.stringify({ ...claims, purchase: { kind: "plan", plan: "premier", interval: "year" } })).toString("base64url");
    const stolen = Buffer.from(JSON.stringify({ ...claims, userId: thief.id })).toString("base64url");
    const before = { owner: await billingState(owner.id), thief: await billingState(thief.id) };

    const attempts: [string, string, number][] = [
      [owner.id, `${edited}.${mac}`, 400],
      [thief.id, `${stolen}.${mac}`, 400],
      [owner.id, `${payload}.${mac.slice(0, -2)}AA`, 400],
      [owner.id, payload, 400],
      [owner.id, "not-a-token", 400],
      [thief.id, token, 403],
    ];
    for (const [userId, attempt, status] of attempts) {
      const response = await complete(await post("/api/billing/test-checkout/complete", userId, { token: attempt }));
      expect(response.status, attempt).toBe(status);
    }
    expect({ owner: await billingState(owner.id), thief: await billingState(thief.id) }).toEqual(before);
  });
});

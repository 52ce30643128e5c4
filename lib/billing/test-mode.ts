import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { DomainError } from "../errors/domain";
import { checkoutCompletedEvent, invoicePaidEvent, subscriptionEvent, type SubscriptionSnapshot } from "./build-events";
import { parseBillingEvent, type BillingEventInput } from "./events";
import { purchaseSchema, type Purchase } from "./purchase";
import { fulfilBillingEvent } from "./fulfil";
import { addMonths } from "./plan";
import { billingMode } from "./mode";
import { inTransaction, lockUserRow, type Tx } from "../db/transaction";
import { planConflict, renewingSubscription } from "./subscriptions";

/**
 * Offline test billing (BILLING_MODE=test, the development default): a purchase is confirmed on an in-app page instead of
 * Stripe Checkout, and completing it sends fulfilBillingEvent the very events Stripe would send
 * for that purchase (ids prefixed `test_`). No table holds the pending checkout: it travels in
 * the page URL as a token signed with the server secret, so it cannot be forged or edited.
 */

export function testBillingEnabled(): boolean {
  return billingMode() === "test";
}

const checkoutSchema = z.strictObject({
  sessionId: z.string().startsWith("test_cs_"),
  userId: z.string().min(1),
  purchase: purchaseSchema,
  expiresAt: z.number().int(),
});
export type TestCheckout = z.output<typeof checkoutSchema>;

const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

function signature(payload: string): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: test checkouts are signed with it.");
  // The prefix keeps these signatures apart from anything else signed with the same secret.
  return createHmac("sha256", secret).update(`reelsmith:test-checkout:${payload}`).digest();
}

/** A new pending test checkout of `purchase` for the user, as a URL-safe signed token. */
export function createTestCheckoutToken(userId: string, purchase: Purchase, now: Date = new Date()): string {
  const checkout: TestCheckout = {
    sessionId: `test_cs_${randomBytes(12).toString("hex")}`,
    userId,
    purchase,
    expiresAt: now.getTime() + TOKEN_LIFETIME_MS,
  };
  const payload = Buffer.from(JSON.stringify(checkout)).toString("base64url");
  return `${payload}.${signature(payload).toString("base64url")}`;
}

/** The checkout a token carries; null when it is malformed, tampered with or expired. */
export function readTestCheckoutToken(token: string, now: Date = new Date()): TestCheckout | null {
  const [payload, mac, extra] = token.split(".");
  if (!payload || !mac || extra !== undefined) return null;
  const expected = signature(payload);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = checkoutSchema.safeParse(raw);
  return parsed.success && parsed.data.expiresAt > now.getTime() ? parsed.data : null;
}

const sessionSuffix = (checkout: TestCheckout) => checkout.sessionId.slice("test_cs_".length);
const testSubscriptionId = (checkout: TestCheckout) => `test_sub_${sessionSuffix(checkout)}`;

/** The events Stripe sends when the checkout is paid, in the order it usually sends them. */
export function testCheckoutEvents(checkout: TestCheckout, now: Date): BillingEventInput[] {
  const suffix = sessionSuffix(checkout);
  const { purchase, userId } = checkout;
  const envelope = (name: string) => ({ eventId: `test_evt_${suffix}_${name}`, created: now });
  if (purchase.kind === "pack") {
    const session = { id: checkout.sessionId, userId, packId: purchase.packId, paymentIntent: `test_pi_${suffix}` };
    return [checkoutCompletedEvent(envelope("checkout"), session)];
  }
  const subscription: SubscriptionSnapshot = {
    id: testSubscriptionId(checkout),
    userId,
    plan: purchase.plan,
    interval: purchase.interval,
    status: "active",
    periodStart: now,
    periodEnd: addMonths(now, purchase.interval === "year" ? 12 : 1),
    cancelAtPeriodEnd: false,
    canceledAt: null,
  };
  return [
    checkoutCompletedEvent(envelope("checkout"), { id: checkout.sessionId, userId, subscriptionId: subscription.id }),
    subscriptionEvent("customer.subscription.created", envelope("subscription"), subscription),
    invoicePaidEvent(envelope("invoice"), { id: `test_in_${suffix}`, subscription, periodStart: now, periodEnd: subscription.periodEnd }),
  ];
}

async function deliver(events: BillingEventInput[], now: Date, tx?: Tx) {
  for (const event of events) await fulfilBillingEvent(parseBillingEvent(event), { now, tx });
}

/**
 * Completes a test checkout: the same fulfilment as Stripe's webhook; completing it again changes
 * nothing. A plan checkout is refused (PlanConflictError) when another subscription already
 * renews (two checkouts opened side by side): the check and all of the checkout's events run in
 * one transaction holding the user's row, so two completions at the same moment cannot both pass.
 */
export async function completeTestCheckout(checkout: TestCheckout, now: Date = new Date()): Promise<void> {
  const events = testCheckoutEvents(checkout, now);
  if (checkout.purchase.kind === "pack") return deliver(events, now);
  await inTransaction(undefined, async (tx) => {
    if (!(await lockUserRow(tx, checkout.userId))) return;
    const current = await renewingSubscription(checkout.userId, now, { tx, except: testSubscriptionId(checkout) });
    if (current) throw planConflict(current.plan);
    await deliver(events, now, tx);
  });
}

export class NoSubscriptionError extends DomainError<"no_subscription"> {}

/** Cancels the user's test subscription at its period end, as the Billing Portal would. */
export async function cancelTestSubscription(userId: string, now: Date = new Date()): Promise<void> {
  const current = await renewingSubscription(userId, now);
  if (!current || !current.stripeSubscriptionId.startsWith("test_") || current.plan === "free") {
    throw new NoSubscriptionError("no_subscription", "You have no plan to cancel.");
  }
  const envelope = { eventId: `test_evt_${randomBytes(12).toString("hex")}`, created: now };
  const event = subscriptionEvent("customer.subscription.updated", envelope, {
    id: current.stripeSubscriptionId,
    userId,
    plan: current.plan,
    interval: current.interval,
    status: "active",
    periodStart: current.currentPeriodStart,
    periodEnd: current.currentPeriodEnd,
    cancelAtPeriodEnd: true,
    canceledAt: now,
  });
  await deliver([event], now);
}

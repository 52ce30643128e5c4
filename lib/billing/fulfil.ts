import "server-only";
import { db } from "../db/client";
import { inTransaction, lockUserRow, type Tx } from "../db/transaction";
import { grantMonthlyCredits, grantPackCredits } from "../credits/purchases";
import { fromUnix, planLine, type BillingEvent } from "./events";
import { bestEffectivePlan, monthlyGrantEnd } from "./plan";
import { renewingSubscription, renews } from "./subscriptions";
import { takeBackPayment } from "./take-back";
import { logger } from "../log";
import { forgetSessionUser } from "../auth/session-cache";

const log = logger("billing");

/**
 * The one place money turns into plans and credits, for Stripe webhooks and offline test billing
 * alike. Each event is applied in one transaction that first claims its id in StripeEvent, so a
 * replay (Stripe retries, a double click) changes nothing. Events may arrive late or out of
 * order: subscription state is only written from an event at least as new as the last one
 * applied, and grants are idempotent by the payment they come from, whatever the order.
 *
 * One renewing plan per user: a subscription that starts to renew while another of the user's
 * already does (two checkouts paid in two tabs) is a second plan. It is recorded as canceled,
 * grants nothing, and `onSecondPlan` (Stripe: cancel it now and refund it) runs inside the
 * transaction, so when it fails nothing is recorded and Stripe's redelivery tries again.
 */

/** applied: this call applied the event; replay: it was applied before; stale: newer state was already there; second_plan: see above. */
export type FulfilOutcome = "applied" | "replay" | "stale" | "second_plan";

type Options = { now?: Date; tx?: Tx; onSecondPlan?: (subscriptionId: string) => Promise<void> };
type Context = { now: Date; onSecondPlan?: Options["onSecondPlan"] };

export async function fulfilBillingEvent(event: BillingEvent, options: Options = {}): Promise<FulfilOutcome> {
  const context = { now: options.now ?? new Date(), onSecondPlan: options.onSecondPlan };
  return inTransaction(options.tx, async (tx) => {
    const claimed = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "StripeEvent"(id, type, "createdAt") VALUES (${event.id}, ${event.type}, ${fromUnix(event.created)})
      ON CONFLICT (id) DO NOTHING
      RETURNING id`;
    if (claimed.length === 0) return "replay";
    return apply(tx, event, context);
  });
}

/** With the user's row locked: whether `subscriptionId`, not renewing until now, would be a second renewing plan. */
async function isSecondPlan(tx: Tx, userId: string, subscriptionId: string, now: Date, known: Parameters<typeof renews>[0] | null) {
  if (known && renews(known, now)) return false;
  return Boolean(await renewingSubscription(userId, now, { tx, except: subscriptionId }));
}

async function refuseSecondPlan(context: Context, subscriptionId: string): Promise<FulfilOutcome> {
  log.warn({ subscriptionId }, "subscription would be a second renewing plan: canceled, nothing granted");
  await context.onSecondPlan?.(subscriptionId);
  return "second_plan";
}

async function apply(tx: Tx, event: BillingEvent, context: Context): Promise<FulfilOutcome> {
  const { now } = context;
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const session = event.data.object;
      // A subscription checkout needs nothing here: its subscription and invoice events carry the plan and the credits.
      const packId = session.metadata.packId;
      if (session.mode !== "payment" || session.payment_status !== "paid" || !packId) return "applied";
      if (!(await lockEventUser(tx, session.client_reference_id, event))) return "applied";
      await grantPackCredits(
        { userId: session.client_reference_id, packId, paymentRef: session.payment_intent ?? session.id, now },
        { tx },
      );
      return "applied";
    }
    case "invoice.paid": {
      const invoice = event.data.object;
      const { subscription: subscriptionId, metadata } = invoice.parent.subscription_details;
      const userId = metadata.userId;
      const line = planLine(invoice);
      if (!line) return "applied";
      const periodEnd = monthlyGrantEnd(fromUnix(line.period.start), fromUnix(line.period.end));
      // An invoice delivered after its period has ended would grant credits that are already expired.
      if (periodEnd <= now || !(await lockEventUser(tx, userId, event))) return "applied";
      const known = await tx.subscription.findUnique({ where: { stripeSubscriptionId: subscriptionId } });
      const second = await isSecondPlan(tx, userId, subscriptionId, now, known);
      if (!known) {
        // Paid before its subscription event arrived: recorded now, so a second plan's events see it whatever the order.
        const state = { plan: line.plan, interval: line.interval, currentPeriodStart: fromUnix(line.period.start), currentPeriodEnd: fromUnix(line.period.end) };
        await tx.subscription.create({ data: { ...state, userId, stripeSubscriptionId: subscriptionId, status: second ? "canceled" : "active", canceledAt: second ? now : null } });
        await syncUserPlan(tx, userId, now);
      }
      if (second) return refuseSecondPlan(context, subscriptionId);
      await grantMonthlyCredits(
        { userId, plan: line.plan, ref: `invoice:${invoice.id}`, periodEnd, paymentRef: invoice.id, now },
        { tx },
      );
      return "applied";
    }
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return applySubscription(tx, event, context);
    case "charge.refunded":
    case "charge.dispute.created": {
      const object = event.data.object;
      const refunded = object.object === "charge";
      const invoice = object.paid_invoice;
      await takeBackPayment(tx, {
        chargeId: refunded ? object.id : object.charge,
        paymentIntent: object.payment_intent,
        invoice: invoice && { id: invoice.id, subscription: invoice.subscription, periodStart: fromUnix(invoice.period_start) },
        share: refunded ? object.amount_refunded / object.amount : 1,
        why: refunded ? "payment refunded" : "payment disputed",
        eventId: event.id,
        now,
      });
      return "applied";
    }
  }
}

async function applySubscription(tx: Tx, event: Extract<BillingEvent, { data: { object: { object: "subscription" } } }>, context: Context) {
  const { now } = context;
  const subscription = event.data.object;
  const userId = subscription.metadata.userId;
  // The user's row lock serialises all billing of one user, so two first events of a new
  // subscription cannot both insert it, and the plan is recomputed from settled rows.
  if (!(await lockEventUser(tx, userId, event))) return "applied";
  const eventAt = fromUnix(event.created);
  const existing = await tx.subscription.findUnique({ where: { stripeSubscriptionId: subscription.id } });
  // Stripe never revives a canceled subscription, so nothing after `canceled` is newer.
  if (existing && (existing.status === "canceled" || (existing.stripeEventAt && existing.stripeEventAt > eventAt))) return "stale";

  const [item] = subscription.items.data;
  const state = {
    plan: item.price.lookup_key.plan,
    interval: item.price.lookup_key.interval,
    status: event.type === "customer.subscription.deleted" ? ("canceled" as const) : subscription.status,
    currentPeriodStart: fromUnix(item.current_period_start),
    currentPeriodEnd: fromUnix(item.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    canceledAt: subscription.canceled_at === null ? null : fromUnix(subscription.canceled_at),
    stripeEventAt: eventAt,
  };
  const second = renews(state, now) && (await isSecondPlan(tx, userId, subscription.id, now, existing));
  if (second) Object.assign(state, { status: "canceled", canceledAt: now });
  await tx.subscription.upsert({
    where: { stripeSubscriptionId: subscription.id },
    create: { ...state, userId, stripeSubscriptionId: subscription.id },
    update: state,
  });
  await syncUserPlan(tx, userId, now);
  return second ? refuseSecondPlan(context, subscription.id) : "applied";
}

/** lockUserRow for an event: a deleted account's event is recorded and skipped rather than retried forever. */
async function lockEventUser(tx: Tx, userId: string, event: BillingEvent): Promise<boolean> {
  const found = await lockUserRow(tx, userId);
  if (!found) log.warn({ eventId: event.id, type: event.type, userId }, "billing event for a user who no longer exists: skipped");
  return found;
}

/** Sets User.plan to the best plan the user's subscriptions give at `now`. Call with the user's row locked. */
async function syncUserPlan(tx: Tx, userId: string, now: Date) {
  const subscriptions = await tx.subscription.findMany({
    where: { userId },
    select: { plan: true, status: true, currentPeriodEnd: true, cancelAtPeriodEnd: true },
  });
  const plan = bestEffectivePlan(subscriptions, now);
  const { count } = await tx.user.updateMany({ where: { id: userId, plan: { not: plan } }, data: { plan } });
  if (count > 0) forgetSessionUser(userId);
  return plan;
}

/**
 * Moves the user to Free once a plan cancelled at period end has run out; returns the plan now.
 * Stripe ends such a subscription with an event; test billing has none, so pages call this.
 */
export async function refreshUserPlan(userId: string, now: Date = new Date()) {
  return db().$transaction(async (tx) => {
    return (await lockUserRow(tx, userId)) ? syncUserPlan(tx, userId, now) : "free";
  });
}

import "server-only";
import Stripe from "stripe";
import { db } from "../../db/client";
import { BILLING_EVENT_TYPES, InvalidBillingEventError, parseBillingEvent } from "../events";
import { fulfilBillingEvent, type FulfilOutcome } from "../fulfil";
import { stripe, webhookSecret } from "./client";
import { lookupKeyOfPrice } from "./lookup";
import { cancelSecondPlan } from "./second-plan";
import { logger } from "../../log";

const log = logger("billing");

export class WebhookSignatureError extends Error {}

export type WebhookOutcome = FulfilOutcome | "ignored";

const HANDLED = new Set(BILLING_EVENT_TYPES);

/**
 * A Stripe webhook delivery: verified on the raw body, then handed to the same fulfilment as test
 * billing. Types we do not act on, and events about objects that are not ours (a subscription made
 * in the dashboard for a customer we do not know), are acknowledged and ignored: Stripe retrying
 * them would not help. Anything else that throws is transient to Stripe, which retries it.
 */
export async function handleStripeWebhook(rawBody: string, signature: string | null, now: Date = new Date()): Promise<WebhookOutcome> {
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(rawBody, signature ?? "", webhookSecret());
  } catch (error) {
    throw new WebhookSignatureError(error instanceof Error ? error.message : "The signature does not match.");
  }
  if (!HANDLED.has(event.type)) return "ignored";
  const raw = await withPaidInvoice(await withUserIds(await withExpandedPrices(await withCurrentSubscription(event as unknown as RawEvent))));
  try {
    return await fulfilBillingEvent(parseBillingEvent(raw), { now, onSecondPlan: (id) => cancelSecondPlan(id, now) });
  } catch (error) {
    if (!(error instanceof InvalidBillingEventError)) throw error;
    log.warn({ eventId: event.id, type: event.type, reason: error.message }, "Stripe event ignored");
    return "ignored";
  }
}

type RawObject = Record<string, unknown> & {
  object?: string;
  payment_intent?: unknown;
  customer?: string | null;
  metadata?: Record<string, string> | null;
  lines?: { data?: { pricing?: { price_details?: { price?: unknown } } | null }[] };
  parent?: { subscription_details?: { metadata?: Record<string, string> | null } | null } | null;
};
type RawEvent = { id: string; type: string; data: { object: RawObject } };

/**
 * A subscription event carries the subscription as it was when the event was made; applying the
 * subscription as it is now makes late, repeated and reordered deliveries converge on Stripe's
 * state (the event's `created` still guards against writing over a newer event's effects).
 */
async function withCurrentSubscription(event: RawEvent): Promise<RawEvent> {
  const object = event.data.object;
  if (object.object !== "subscription") return event;
  try {
    const current = await stripe().subscriptions.retrieve(object.id as string);
    return { ...event, data: { ...event.data, object: current as unknown as RawObject } };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return event;
    throw error;
  }
}

/** Invoice lines name their price by id; fulfilment needs its lookup key (Stripe's `expand`, by hand). */
async function withExpandedPrices(event: RawEvent): Promise<RawEvent> {
  const object = event.data.object;
  if (object.object !== "invoice" || !object.lines?.data) return event;
  const data = await Promise.all(
    object.lines.data.map(async (line) => {
      const price = line.pricing?.price_details?.price;
      if (typeof price !== "string") return line;
      const lookup_key = await lookupKeyOfPrice(price);
      return { ...line, pricing: { ...line.pricing, price_details: { ...line.pricing?.price_details, price: { id: price, lookup_key } } } };
    }),
  );
  return { ...event, data: { ...event.data, object: { ...object, lines: { ...object.lines, data } } } };
}

/**
 * Charges no longer name the invoice they paid; fulfilment of a refund or dispute needs it (and its
 * subscription and period) to find the credits the payment bought. A pack's payment has none.
 */
async function withPaidInvoice(event: RawEvent): Promise<RawEvent> {
  const object = event.data.object;
  if (object.object !== "charge" && object.object !== "dispute") return event;
  const intent = typeof object.payment_intent === "string" ? object.payment_intent : null;
  const payment = intent ? (await stripe().invoicePayments.list({ payment: { type: "payment_intent", payment_intent: intent }, limit: 1 })).data[0] : undefined;
  const invoiceId = typeof payment?.invoice === "string" ? payment.invoice : payment?.invoice?.id;
  let paid_invoice: { id: string; subscription: string; period_start: number } | null = null;
  if (invoiceId) {
    const invoice = await stripe().invoices.retrieve(invoiceId);
    const subscription = invoice.parent?.subscription_details?.subscription;
    const line = invoice.lines.data.find((l) => !l.parent?.subscription_item_details?.proration) ?? invoice.lines.data[0];
    if (subscription && line) paid_invoice = { id: invoiceId, subscription: typeof subscription === "string" ? subscription : subscription.id, period_start: line.period.start };
  }
  return { ...event, data: { ...event.data, object: { ...object, paid_invoice } } };
}

/**
 * Our checkouts put the user id in the subscription's metadata; a subscription created another
 * way (the dashboard, the portal after a cancellation) is matched by its customer instead.
 */
async function withUserIds(event: RawEvent): Promise<RawEvent> {
  const object = event.data.object;
  const customer = typeof object.customer === "string" ? object.customer : null;
  if (!customer) return event;
  const metadataOf = (o: RawObject) => (o.object === "invoice" ? o.parent?.subscription_details?.metadata : o.object === "subscription" ? o.metadata : undefined);
  const metadata = metadataOf(object);
  if (metadata === undefined || metadata?.userId) return event;
  const owner = await db().user.findUnique({ where: { stripeCustomerId: customer }, select: { id: true } });
  if (!owner) return event;
  const withUser = { ...metadata, userId: owner.id };
  const patched: RawObject =
    object.object === "invoice"
      ? { ...object, parent: { ...object.parent, subscription_details: { ...object.parent?.subscription_details, metadata: withUser } } }
      : { ...object, metadata: withUser };
  return { ...event, data: { ...event.data, object: patched } };
}

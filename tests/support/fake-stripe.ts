import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A small local fake of the parts of Stripe's HTTP API that Reelsmith calls, answering in Stripe's
 * shapes (API version 2026-10-28): customers (with Idempotency-Key replay), products, prices by
 * lookup key (with transfer_lookup_key), checkout sessions (created, listed by customer and
 * status), billing portal sessions, subscriptions (read, canceled), invoice payments (listed by
 * invoice or payment intent) and refunds. The SDK is pointed at it with STRIPE_API_BASE, so
 * requests, form encoding and errors go through the SDK.
 *
 * It also plays Stripe's side of a purchase: `pay(sessionId)` and friends return the webhook events
 * Stripe would send (refunds and disputes too), and `signed(event)` the body and Stripe-Signature
 * header of their delivery.
 */

export const FAKE_SECRET_KEY = "sk_test_fake_reelsmith";
export const FAKE_WEBHOOK_SECRET = "whsec_fake_reelsmith";
const API_VERSION = "2026-10-28.endive";

type Obj = Record<string, unknown> & { id: string };
type Price = Obj & { lookup_key: string | null; active: boolean; product: string; unit_amount: number; recurring: { interval: string; interval_count: number } | null };
type Session = Obj & { mode: string; customer: string; client_reference_id: string; metadata: Record<string, string>; line_items: { price: string }[]; subscription_data?: { metadata?: Record<string, string> }; status: string; expires_at: number };
type Subscription = Obj & { customer: string; status: string; latest_invoice: string | null; metadata: Record<string, string>; items: { object: "list"; data: (Obj & { current_period_start: number; current_period_end: number; price: Price })[] } };

export type FakeStripeEvent = { id: string; type: string; created: number; data: { object: Record<string, unknown> } };

const newId = (prefix: string) => `${prefix}_${randomBytes(10).toString("hex")}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding (`a[b][0][c]=v`) back into objects and arrays. */
function parseForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.split(/\[|\]\[|\]/).filter(Boolean);
    let node: Record<string, unknown> = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) {
        node[part] = value;
        return;
      }
      node[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return out;
}

/** The object `id` of a store, or Stripe's 404 for it. */
function existing<T>(store: Map<string, T>, id: string, what: string): T {
  const found = store.get(id);
  if (!found) throw new StripeApiError(404, `No such ${what}: '${id}'`, "resource_missing");
  return found;
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;

export async function startFakeStripe() {
  const customers = new Map<string, Obj>();
  const products = new Map<string, Obj>();
  const prices = new Map<string, Price>();
  const sessions = new Map<string, Session>();
  const subscriptions = new Map<string, Subscription>();
  /** Invoice id → its payment (every fake invoice is paid by one payment intent). */
  const invoicePayments = new Map<string, { id: string; paymentIntent: string; amount: number }>();
  /** Payment intent → its charge. */
  const charges = new Map<string, { id: string; amount: number; customer: string }>();
  const invoices = new Map<string, Obj>();
  const refunds: { id: string; payment_intent: string; amount: number; metadata: Record<string, string> }[] = [];
  const idempotent = new Map<string, unknown>();
  /** Every API request, as "METHOD /path", for assertions on what the app called. */
  const requests: string[] = [];
  const subscriptionReads: string[] = [];

  const list = (data: unknown[], url: string) => ({ object: "list", data, has_more: false, url });

  function route(method: string, url: URL, body: Record<string, unknown>): unknown {
    // ["v1", resource, id?, sub?], where a namespaced resource (checkout/sessions) counts as one part.
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts[1] === "checkout" || parts[1] === "billing_portal") parts.splice(1, 2, `${parts[1]}/${parts[2]}`);
    const [, resource, id, sub] = parts;
    const key = `${method} ${resource}${sub ? `/${sub}` : ""}${id && !sub ? "/:id" : ""}`;
    switch (key) {
      case "POST customers": {
        const customer = { id: newId("cus"), object: "customer", email: body.email ?? null, name: body.name ?? null, metadata: body.metadata ?? {}, created: nowSeconds(), livemode: false };
        customers.set(customer.id, customer);
        return customer;
      }
      case "GET products/:id": {
        const product = existing(products, id!, "product");
        return product;
      }
      case "POST products": {
        const productId = String(body.id ?? newId("prod"));
        if (products.has(productId)) throw new StripeApiError(400, `Product already exists.`, "resource_already_exists");
        const product = { id: productId, object: "product", active: true, name: body.name, description: body.description ?? null, metadata: body.metadata ?? {}, created: nowSeconds() };
        products.set(productId, product);
        return product;
      }
      case "POST products/:id": {
        const product = existing(products, id!, "product");
        Object.assign(product, body);
        return product;
      }
      case "GET prices": {
        const keys = Object.values((body.lookup_keys ?? {}) as Record<string, string>);
        const active = body.active === undefined ? undefined : body.active === "true";
        const found = [...prices.values()].filter((p) => (keys.length === 0 || (p.lookup_key && keys.includes(p.lookup_key))) && (active === undefined || p.active === active));
        return list(found, "/v1/prices");
      }
      case "GET prices/:id": {
        const price = existing(prices, id!, "price");
        return price;
      }
      case "POST prices": {
        if (!products.has(String(body.product))) throw new StripeApiError(400, `No such product: '${String(body.product)}'`, "resource_missing");
        const lookupKey = typeof body.lookup_key === "string" ? body.lookup_key : null;
        const holder = [...prices.values()].find((p) => lookupKey && p.lookup_key === lookupKey);
        if (holder && body.transfer_lookup_key !== "true") {
          throw new StripeApiError(400, `A price (\`${holder.id}\`) already uses that lookup key.`, "lookup_key_exists");
        }
        if (holder) holder.lookup_key = null;
        const recurring = body.recurring as { interval: string } | undefined;
        const price: Price = {
          id: newId("price"),
          object: "price",
          active: true,
          currency: body.currency,
          unit_amount: Number(body.unit_amount),
          lookup_key: lookupKey,
          nickname: body.nickname ?? null,
          product: String(body.product),
          recurring: recurring ? { interval: recurring.interval, interval_count: 1 } : null,
          type: recurring ? "recurring" : "one_time",
          metadata: body.metadata ?? {},
          created: nowSeconds(),
          livemode: false,
        };
        prices.set(price.id, price);
        return price;
      }
      case "POST prices/:id": {
        const price = existing(prices, id!, "price");
        if (body.active !== undefined) price.active = body.active === "true";
        return price;
      }
      case "POST checkout/sessions": {
        if (!customers.has(String(body.customer))) throw new StripeApiError(400, `No such customer: '${String(body.customer)}'`, "resource_missing", "customer");
        const lineItems = Object.values((body.line_items ?? {}) as Record<string, { price: string; quantity: string }>);
        for (const item of lineItems) if (!prices.get(item.price)?.active) throw new StripeApiError(400, `No such price: '${item.price}'`, "resource_missing");
        const sessionId = newId("cs_test");
        const session: Session = {
          id: sessionId,
          object: "checkout.session",
          mode: String(body.mode),
          customer: String(body.customer),
          client_reference_id: String(body.client_reference_id),
          metadata: (body.metadata ?? {}) as Record<string, string>,
          line_items: lineItems,
          subscription_data: body.subscription_data as Session["subscription_data"],
          success_url: body.success_url,
          cancel_url: body.cancel_url,
          status: "open",
          expires_at: body.expires_at === undefined ? nowSeconds() + 24 * 3600 : Number(body.expires_at),
          payment_status: "unpaid",
          payment_intent: null,
          subscription: null,
          url: `https://checkout.stripe.test/c/pay/${sessionId}`,
          created: nowSeconds(),
        };
        sessions.set(sessionId, session);
        return session;
      }
      case "GET checkout/sessions": {
        const found = [...sessions.values()].filter((s) => (!body.customer || s.customer === body.customer) && (!body.status || s.status === body.status));
        return list(found, "/v1/checkout/sessions");
      }
      case "DELETE subscriptions/:id": {
        const subscription = existing(subscriptions, id!, "subscription");
        if (subscription.status === "canceled") throw new StripeApiError(400, `A canceled subscription can only update its cancellation_details.`);
        Object.assign(subscription, { status: "canceled", canceled_at: nowSeconds(), ended_at: nowSeconds() });
        return subscription;
      }
      case "GET invoices/:id": {
        const invoice = existing(invoices, id!, "invoice");
        return invoice;
      }
      case "GET invoice_payments": {
        const wanted = body.payment as { payment_intent?: string } | undefined;
        const found = [...invoicePayments.entries()]
          .filter(([invoice, p]) => (!body.invoice || invoice === body.invoice) && (!wanted?.payment_intent || p.paymentIntent === wanted.payment_intent))
          .map(([invoice, p]) => ({ id: p.id, object: "invoice_payment", invoice, status: "paid", amount_paid: p.amount, payment: { type: "payment_intent", payment_intent: p.paymentIntent } }));
        return list(found, "/v1/invoice_payments");
      }
      case "POST refunds": {
        const paymentIntent = String(body.payment_intent);
        const charge = charges.get(paymentIntent);
        if (!charge) throw new StripeApiError(400, `No such payment_intent: '${paymentIntent}'`, "resource_missing", "payment_intent");
        const refund = { id: newId("re"), object: "refund", payment_intent: paymentIntent, charge: charge.id, amount: Number(body.amount ?? charge.amount), status: "succeeded", metadata: (body.metadata ?? {}) as Record<string, string> };
        refunds.push(refund);
        return refund;
      }
      case "GET subscriptions/:id": {
        const subscription = existing(subscriptions, id!, "subscription");
        subscriptionReads.push(id!);
        return subscription;
      }
      case "POST billing_portal/sessions": {
        if (!customers.has(String(body.customer))) throw new StripeApiError(400, `No such customer: '${String(body.customer)}'`, "resource_missing", "customer");
        const portalId = newId("bps");
        return { id: portalId, object: "billing_portal.session", customer: body.customer, return_url: body.return_url, url: `https://billing.stripe.test/p/session/${portalId}`, created: nowSeconds() };
      }
    }
    throw new StripeApiError(404, `Unrecognized request URL (${method}: ${url.pathname}).`);
  }

  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stripe.test");
      requests.push(`${req.method} ${url.pathname}`);
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json", "request-id": newId("req") });
        res.end(JSON.stringify(payload));
      };
      if (req.headers.authorization !== `Bearer ${FAKE_SECRET_KEY}`) {
        return reply(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided." } });
      }
      const idempotencyKey = req.method === "POST" ? req.headers["idempotency-key"] : undefined;
      const replayKey = typeof idempotencyKey === "string" ? `${url.pathname} ${idempotencyKey}` : undefined;
      if (replayKey && idempotent.has(replayKey)) return reply(200, idempotent.get(replayKey));
      try {
        const body = req.method === "GET" ? parseForm(url.search.slice(1)) : parseForm(text);
        const result = route(req.method ?? "GET", url, body);
        if (replayKey) idempotent.set(replayKey, result);
        reply(200, result);
      } catch (error) {
        if (!(error instanceof StripeApiError)) throw error;
        reply(error.status, { error: { type: "invalid_request_error", message: error.message, ...(error.code ? { code: error.code } : {}), ...(error.param ? { param: error.param } : {}) } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const event = (type: string, object: Record<string, unknown>, created = nowSeconds()): FakeStripeEvent =>
    ({ id: newId("evt"), object: "event", api_version: API_VERSION, type, created, livemode: false, pending_webhooks: 1, data: { object } }) as FakeStripeEvent;

  /** A payment intent with its charge, as a paid checkout or invoice leaves it. */
  function charge(amount: number, customer: string): string {
    const paymentIntent = newId("pi");
    charges.set(paymentIntent, { id: newId("ch"), amount, customer });
    return paymentIntent;
  }

  function invoiceFor(subscription: Subscription, period: { start: number; end: number }, reason: string) {
    const [item] = subscription.items.data;
    const invoiceId = newId("in");
    invoicePayments.set(invoiceId, { id: newId("inpay"), paymentIntent: charge(item!.price.unit_amount, subscription.customer), amount: item!.price.unit_amount });
    subscription.latest_invoice = invoiceId;
    const invoice = {
      id: invoiceId,
      object: "invoice",
      customer: subscription.customer,
      status: "paid",
      billing_reason: reason,
      amount_paid: item!.price.unit_amount,
      parent: { type: "subscription_details", quote_details: null, subscription_details: { subscription: subscription.id, metadata: subscription.metadata } },
      lines: {
        object: "list",
        has_more: false,
        data: [
          {
            id: newId("il"),
            object: "line_item",
            amount: item!.price.unit_amount,
            period,
            pricing: { type: "price_details", price_details: { price: item!.price.id, product: item!.price.product } },
            parent: { type: "subscription_item_details", subscription_item_details: { subscription: subscription.id, subscription_item: item!.id, proration: false } },
          },
        ],
      },
      created: period.start,
    };
    invoices.set(invoiceId, invoice);
    return invoice;
  }

  const fake = {
    url: `http://127.0.0.1:${port}`,
    requests,
    subscriptionReads,
    customers,
    sessions,
    subscriptions,
    refunds,
    /** Points the app's Stripe client at this fake (Stripe billing on). */
    env: { STRIPE_SECRET_KEY: FAKE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET, STRIPE_API_BASE: `http://127.0.0.1:${port}` },
    /** Creates a product and a price, as an operator (or stripe:setup) would. */
    addPrice(lookupKey: string, unitAmount: number, interval?: "month" | "year"): Price {
      const productId = newId("prod");
      products.set(productId, { id: productId, object: "product", name: lookupKey, active: true, metadata: {} });
      return route("POST", new URL(`${fake.url}/v1/prices`), {
        product: productId,
        currency: "usd",
        unit_amount: String(unitAmount),
        lookup_key: lookupKey,
        ...(interval ? { recurring: { interval } } : {}),
      }) as Price;
    },
    /** The buyer pays a checkout session: the events Stripe sends for it, in its usual order. */
    pay(sessionId: string, at: Date = new Date()): FakeStripeEvent[] {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`No session ${sessionId}`);
      const created = Math.floor(at.getTime() / 1000);
      const price = prices.get(session.line_items[0]!.price)!;
      if (session.mode === "payment") {
        Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: charge(price.unit_amount, session.customer) });
        return [event("checkout.session.completed", { ...session }, created)];
      }
      const end = new Date(at);
      end.setUTCMonth(end.getUTCMonth() + (price.recurring?.interval === "year" ? 12 : 1));
      const subscription: Subscription = {
        id: newId("sub"),
        object: "subscription",
        customer: session.customer,
        status: "active",
        cancel_at_period_end: false,
        cancel_at: null,
        canceled_at: null,
        latest_invoice: null,
        metadata: session.subscription_data?.metadata ?? {},
        items: { object: "list", data: [{ id: newId("si"), object: "subscription_item", quantity: 1, price, current_period_start: created, current_period_end: Math.floor(end.getTime() / 1000) }] },
        created,
      };
      subscriptions.set(subscription.id, subscription);
      Object.assign(session, { status: "complete", payment_status: "paid", subscription: subscription.id });
      const [item] = subscription.items.data;
      return [
        event("customer.subscription.created", structuredClone(subscription), created),
        event("invoice.paid", invoiceFor(subscription, { start: item!.current_period_start, end: item!.current_period_end }, "subscription_create"), created),
        event("checkout.session.completed", { ...session }, created),
      ];
    },
    /** The subscription renews for its next period: its update and the period's paid invoice. */
    renew(subscriptionId: string): FakeStripeEvent[] {
      const subscription = subscriptions.get(subscriptionId)!;
      const item = subscription.items.data[0]!;
      const start = item.current_period_end;
      const end = new Date(start * 1000);
      end.setUTCMonth(end.getUTCMonth() + (item.price.recurring?.interval === "year" ? 12 : 1));
      Object.assign(item, { current_period_start: start, current_period_end: Math.floor(end.getTime() / 1000) });
      return [
        event("customer.subscription.updated", structuredClone(subscription), start),
        event("invoice.paid", invoiceFor(subscription, { start, end: item.current_period_end }, "subscription_cycle"), start),
      ];
    },
    /** The customer cancels in the portal: the plan stays to the period end. */
    cancelAtPeriodEnd(subscriptionId: string, at: Date = new Date()): FakeStripeEvent {
      const subscription = subscriptions.get(subscriptionId)!;
      const created = Math.floor(at.getTime() / 1000);
      Object.assign(subscription, { cancel_at_period_end: true, canceled_at: created });
      return event("customer.subscription.updated", structuredClone(subscription), created);
    },
    /** The payment intent that paid an invoice. */
    paymentOfInvoice(invoiceId: string): string {
      return invoicePayments.get(invoiceId)!.paymentIntent;
    },
    /** The merchant refunds (part of) a payment in the dashboard: `charge.refunded`, with the total refunded so far. */
    refundPayment(paymentIntent: string, amount?: number): FakeStripeEvent {
      const paid = charges.get(paymentIntent)!;
      const refunded = refunds.filter((r) => r.payment_intent === paymentIntent).reduce((sum, r) => sum + r.amount, 0) + (amount ?? paid.amount);
      refunds.push({ id: newId("re"), payment_intent: paymentIntent, amount: amount ?? paid.amount, metadata: {} });
      return event("charge.refunded", { id: paid.id, object: "charge", customer: paid.customer, payment_intent: paymentIntent, amount: paid.amount, amount_refunded: refunded, refunded: refunded >= paid.amount, status: "succeeded" });
    },
    /** The buyer's bank disputes a payment: `charge.dispute.created`. */
    dispute(paymentIntent: string): FakeStripeEvent {
      const paid = charges.get(paymentIntent)!;
      return event("charge.dispute.created", { id: newId("dp"), object: "dispute", charge: paid.id, payment_intent: paymentIntent, amount: paid.amount, reason: "fraudulent", status: "needs_response" });
    },
    /** The customer is deleted in the dashboard. */
    deleteCustomer(customerId: string) {
      customers.delete(customerId);
    },
    /** Any event, built by the test (types we ignore, objects that are not ours). */
    event,
    /** The body and Stripe-Signature header of a delivery of `event`, signed like Stripe signs. */
    signed(payload: FakeStripeEvent, secret = FAKE_WEBHOOK_SECRET): { body: string; signature: string } {
      const body = JSON.stringify(payload);
      return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}

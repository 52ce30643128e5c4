import { describe, expect, it } from "vitest";
import { checkoutCompletedEvent, invoicePaidEvent, subscriptionEvent, type SubscriptionSnapshot } from "./build-events";
import { InvalidBillingEventError, parseBillingEvent, planLine } from "./events";

const created = new Date("2030-03-01T00:00:00Z");
const subscription: SubscriptionSnapshot = {
  id: "sub_1",
  userId: "user_1",
  plan: "pro",
  interval: "year",
  status: "active",
  periodStart: created,
  periodEnd: new Date("2031-03-01T00:00:00Z"),
  cancelAtPeriodEnd: false,
  canceledAt: null,
};

describe("parseBillingEvent", () => {
  it("reads the plan and interval of a subscription from its price lookup key", () => {
    const event = parseBillingEvent(subscriptionEvent("customer.subscription.updated", { eventId: "evt_1", created }, subscription));
    expect(event.type).toBe("customer.subscription.updated");
    if (event.type !== "customer.subscription.updated") return;
    expect(event.created).toBe(1_898_553_600);
    expect(event.data.object.items.data[0].price.lookup_key).toEqual({ plan: "pro", interval: "year" });
  });

  it("finds the plan line of an invoice, skipping prorations and foreign prices", () => {
    const raw = invoicePaidEvent({ eventId: "evt_6", created }, { id: "in_2", subscription, periodStart: created, periodEnd: created });
    const object = raw.data.object as { lines: { data: Record<string, unknown>[] } };
    const [line] = object.lines.data;
    const proration = { ...line, period: { start: 1, end: 2 }, parent: { subscription_item_details: { proration: true } } };
    const foreign = { ...line, pricing: { price_details: { price: { id: "price_x", lookup_key: "pack_330" } } } };
    const unexpanded = { ...line, pricing: { price_details: { price: "price_y" } } };
    const parse = (lines: unknown[]) => {
      const event = parseBillingEvent({ ...raw, data: { object: { ...object, lines: { data: lines } } } });
      return event.type === "invoice.paid" ? planLine(event.data.object) : undefined;
    };
    expect(parse([line, proration, foreign, unexpanded])).toEqual({ period: { start: 1_898_553_600, end: 1_898_553_600 }, plan: "pro", interval: "year" });
    expect(parse([proration, foreign, unexpanded])).toBeNull();
  });

  it("reads invoices and checkout sessions", () => {
    const invoice = parseBillingEvent(invoicePaidEvent({ eventId: "evt_2", created }, { id: "in_1", subscription, periodStart: created, periodEnd: created }));
    expect(invoice.type).toBe("invoice.paid");
    const pack = parseBillingEvent(checkoutCompletedEvent({ eventId: "evt_3", created }, { id: "cs_1", userId: "u", packId: "pack_330", paymentIntent: "pi_1" }));
    expect(pack).toMatchObject({ type: "checkout.session.completed", data: { object: { mode: "payment", metadata: { packId: "pack_330" } } } });
  });

  it("ignores the many fields Stripe sends that fulfilment does not read", () => {
    const raw = subscriptionEvent("customer.subscription.created", { eventId: "evt_4", created }, subscription);
    const event = parseBillingEvent({ ...raw, livemode: false, api_version: "2025-02-24.acacia", data: { ...raw.data, previous_attributes: {} } });
    expect(event.id).toBe("evt_4");
  });

  it("refuses an unknown type, a foreign lookup key, a missing user and a free plan", () => {
    const raw = subscriptionEvent("customer.subscription.created", { eventId: "evt_5", created }, subscription);
    const object = raw.data.object as Record<string, unknown>;
    const bad = [
      { ...raw, type: "charge.refunded" },
      { ...raw, data: { object: { ...object, items: { data: [{ current_period_start: 1, current_period_end: 2, price: { lookup_key: "gold_month" } }] } } } },
      { ...raw, data: { object: { ...object, items: { data: [{ current_period_start: 1, current_period_end: 2, price: { lookup_key: "free_month" } }] } } } },
      { ...raw, data: { object: { ...object, metadata: {} } } },
      { ...raw, created: "yesterday" },
    ];
    for (const event of bad) expect(() => parseBillingEvent(event)).toThrow(InvalidBillingEventError);
  });
});

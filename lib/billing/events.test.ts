import { describe, expect, it } from "vitest";
import { checkoutCompletedEvent, invoicePaidEvent, subscriptionEvent, type SubscriptionSnapshot } from "./build-events";
import { InvalidBillingEventError, parseBillingEvent } from "./events";

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
      { ...raw, data: { object: { ...object, items: { data: [{ price: { lookup_key: "gold_month" } }] } } } },
      { ...raw, data: { object: { ...object, items: { data: [{ price: { lookup_key: "free_month" } }] } } } },
      { ...raw, data: { object: { ...object, metadata: {} } } },
      { ...raw, created: "yesterday" },
    ];
    for (const event of bad) expect(() => parseBillingEvent(event)).toThrow(InvalidBillingEventError);
  });
});

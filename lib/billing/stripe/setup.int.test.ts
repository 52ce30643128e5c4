import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pricingConfig, type PricingConfig } from "@/lib/credits/config";
import { startFakeStripe, type FakeStripe } from "@/tests/support/fake-stripe";
import { setUpStripeProducts } from "./setup";

let fake: FakeStripe;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeStripe();
  Object.assign(process.env, fake.env);
});
afterAll(async () => {
  for (const key of Object.keys(fake.env)) process.env[key] = saved[key];
  await fake.stop();
});

describe("npm run stripe:setup", () => {
  it("creates every plan price and pack by lookup key, idempotently, and re-prices by moving the key", async () => {
    const config = pricingConfig();
    const first = await setUpStripeProducts(config);
    expect(first.map((l) => l.lookupKey)).toEqual(["standard_month", "standard_year", "pro_month", "pro_year", "premier_month", "premier_year", "pack_330", "pack_660", "pack_3500"]);
    expect(first.every((l) => l.action === "created")).toBe(true);

    const second = await setUpStripeProducts(config);
    expect(second.every((l) => l.action === "kept")).toBe(true);
    expect(second.map((l) => l.priceId)).toEqual(first.map((l) => l.priceId));

    const dearer: PricingConfig = { ...config, plans: { ...config.plans, standard: { ...config.plans.standard, monthlyPriceUsd: 12 } } };
    const third = await setUpStripeProducts(dearer);
    const changed = third.filter((l) => l.action !== "kept").map((l) => [l.lookupKey, l.action]);
    expect(changed).toEqual([["standard_month", "replaced"], ["standard_year", "replaced"]]);

    const response = await fetch(`${fake.url}/v1/prices?lookup_keys[0]=standard_year&active=true`, { headers: { authorization: `Bearer ${fake.env.STRIPE_SECRET_KEY}` } });
    const { data } = (await response.json()) as { data: { unit_amount: number; recurring: { interval: string } }[] };
    // $12 a month, yearly at 20% off: 12 × 12 × 0.8 = $115.20.
    expect(data.map((p) => [p.unit_amount, p.recurring.interval])).toEqual([[11520, "year"]]);
  });
});

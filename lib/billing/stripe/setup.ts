import "server-only";
import Stripe from "stripe";
import type { PricingConfig } from "../../credits/config";
import { INTERVALS, PAID_PLANS, priceLookupKey, type BillingInterval } from "../events";
import { planPriceUsd } from "../prices";
import { stripe } from "./client";

/** One thing Reelsmith sells, as it must exist in Stripe. */
type Wanted = { productId: string; productName: string; lookupKey: string; unitAmount: number; interval: BillingInterval | null };

export type SetupLine = { lookupKey: string; priceId: string; action: "kept" | "created" | "replaced" };

/** Everything the pricing configuration sells: each paid plan monthly and yearly, and each pack. */
function wantedPrices(config: PricingConfig): Wanted[] {
  const plans = PAID_PLANS.flatMap((plan) =>
    INTERVALS.map((interval) => ({
      productId: `reelsmith_${plan}`,
      productName: `Reelsmith ${config.plans[plan].name}`,
      lookupKey: priceLookupKey(plan, interval),
      unitAmount: Math.round(planPriceUsd(config, plan, interval) * 100),
      interval,
    })),
  );
  const packs = config.packs.map((pack) => ({
    productId: `reelsmith_${pack.id}`,
    productName: `Reelsmith ${pack.credits.toLocaleString("en-US")} credits`,
    lookupKey: pack.id,
    unitAmount: Math.round(pack.priceUsd * 100),
    interval: null,
  }));
  return [...plans, ...packs];
}

async function ensureProduct(id: string, name: string) {
  try {
    const product = await stripe().products.retrieve(id);
    if (product.name !== name || !product.active) await stripe().products.update(id, { name, active: true });
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404)) throw error;
    await stripe().products.create({ id, name, metadata: { reelsmith: "1" } });
  }
}

/**
 * Creates the products and prices the pricing configuration sells, keyed by lookup key. Safe to
 * run any number of times: a price that already matches is kept; one whose amount or interval
 * changed is replaced by a new price that takes over the lookup key (Stripe prices are
 * immutable), and the old one is archived, so existing subscribers keep what they pay until they
 * change plan.
 */
export async function setUpStripeProducts(config: PricingConfig): Promise<SetupLine[]> {
  const lines: SetupLine[] = [];
  for (const want of wantedPrices(config)) {
    await ensureProduct(want.productId, want.productName);
    const { data } = await stripe().prices.list({ lookup_keys: [want.lookupKey], active: true, limit: 1 });
    const current = data[0];
    const matches =
      current &&
      current.unit_amount === want.unitAmount &&
      current.currency === "usd" &&
      (current.recurring?.interval ?? null) === want.interval &&
      (typeof current.product === "string" ? current.product : current.product.id) === want.productId;
    if (current && matches) {
      lines.push({ lookupKey: want.lookupKey, priceId: current.id, action: "kept" });
      continue;
    }
    const price = await stripe().prices.create({
      product: want.productId,
      currency: "usd",
      unit_amount: want.unitAmount,
      lookup_key: want.lookupKey,
      transfer_lookup_key: Boolean(current),
      ...(want.interval ? { recurring: { interval: want.interval } } : {}),
    });
    if (current) await stripe().prices.update(current.id, { active: false });
    lines.push({ lookupKey: want.lookupKey, priceId: price.id, action: current ? "replaced" : "created" });
  }
  return lines;
}

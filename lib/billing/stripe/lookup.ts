import "server-only";
import type Stripe from "stripe";
import { stripe } from "./client";

/**
 * Prices are found by lookup key (`standard_month`, `pack_330`, …), never by hard-coded ids, so an
 * operator can re-price in the dashboard (moving the key to the new price) without a deploy.
 * Answers are cached briefly: a checkout click should not cost an extra Stripe round trip.
 */

const CACHE_MS = 5 * 60_000;
const byKey = new Map<string, { price: Stripe.Price; at: number }>();
const byId = new Map<string, { lookupKey: string | null; at: number }>();

export class MissingPriceError extends Error {}

export async function priceForLookupKey(lookupKey: string): Promise<Stripe.Price> {
  const hit = byKey.get(lookupKey);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.price;
  const { data } = await stripe().prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  const price = data[0];
  if (!price) throw new MissingPriceError(`Stripe has no active price with the lookup key "${lookupKey}". Run \`npm run stripe:setup\` or create it in the dashboard.`);
  byKey.set(lookupKey, { price, at: Date.now() });
  return price;
}

/** The lookup key of a price id (what an invoice line names), or null when it has none. */
export async function lookupKeyOfPrice(priceId: string): Promise<string | null> {
  const hit = byId.get(priceId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.lookupKey;
  const price = await stripe().prices.retrieve(priceId);
  byId.set(priceId, { lookupKey: price.lookup_key, at: Date.now() });
  return price.lookup_key;
}

/** Forgets cached prices (after stripe:setup moved a key, and between tests). */
export function clearPriceCache(): void {
  byKey.clear();
  byId.clear();
}

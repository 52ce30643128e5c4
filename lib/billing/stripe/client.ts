import "server-only";
import Stripe from "stripe";

/**
 * The Stripe SDK client, configured from the environment (lib/billing/mode.ts decides whether
 * Stripe sells). STRIPE_API_BASE points the SDK at another host (the tests' local fake of Stripe's API).
 */

export function webhookSecret(): string {
  const secret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new Error("STRIPE_WEBHOOK_SECRET is not set.");
  return secret;
}

type Cached = { key: string; base: string | undefined; client: Stripe };
const holder = globalThis as { __reelsmithStripe?: Cached };

export function stripe(): Stripe {
  const key = process.env.STRIPE_SECRET_KEY;
  if (!key) throw new Error("STRIPE_SECRET_KEY is not set.");
  const base = process.env.STRIPE_API_BASE;
  const cached = holder.__reelsmithStripe;
  if (cached && cached.key === key && cached.base === base) return cached.client;
  const client = new Stripe(key, {
    ...hostOptions(base),
    // Retries reuse the same idempotency key, so a retried create never creates twice.
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "Reelsmith", url: "https://github.com/reelsmith/reelsmith" },
  });
  holder.__reelsmithStripe = { key, base, client };
  return client;
}

function hostOptions(base: string | undefined) {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === "http:" ? ("http" as const) : ("https" as const);
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

/**
 * Which billing sells: `test` (the offline test checkout: anyone completes any purchase for
 * nothing) or `stripe`. BILLING_MODE chooses; left unset, both Stripe keys mean stripe and none
 * means test, except in production, where selling for nothing must be asked for by name.
 * Read by start-up (which refuses a bad configuration before serving) and by every billing route.
 */

export type BillingMode = "test" | "stripe";
type Env = Record<string, string | undefined>;

export class BillingConfigError extends Error {}

const STRIPE_KEYS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const;

/** The Stripe variables that are not set. */
export function missingStripeKeys(env: Env = process.env): string[] {
  return STRIPE_KEYS.filter((name) => !env[name]);
}

/** The billing mode of this configuration; throws BillingConfigError naming what to set when it is unsafe or incomplete. */
export function billingMode(env: Env = process.env): BillingMode {
  const chosen = env.BILLING_MODE || undefined;
  if (chosen !== undefined && chosen !== "test" && chosen !== "stripe") {
    throw new BillingConfigError(`BILLING_MODE=${chosen}: must be test or stripe.`);
  }
  if (chosen === "test") return "test";
  const missing = missingStripeKeys(env);
  if (missing.length === 0) return "stripe";
  if (chosen === "stripe" || missing.length < STRIPE_KEYS.length) {
    throw new BillingConfigError(`Stripe billing is half configured: set ${missing.join(" and ")} (or BILLING_MODE=test for the offline test checkout).`);
  }
  if (env.NODE_ENV === "production") {
    throw new BillingConfigError(
      "No billing is configured, and a production server does not sell through the offline test checkout (anyone could buy any plan for nothing) unless asked: " +
        "set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET for Stripe, or BILLING_MODE=test on purpose.",
    );
  }
  return "test";
}

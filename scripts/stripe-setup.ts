import { BILLING_EVENT_TYPES } from "../lib/billing/events";
import { missingStripeKeys } from "../lib/billing/mode";
import { setUpStripeProducts } from "../lib/billing/stripe/setup";
import { pricingConfig } from "../lib/credits/config";

// `npm run stripe:setup`: creates (or brings up to date) the Stripe products and prices the
// pricing configuration sells, then says how to point a webhook endpoint at Reelsmith.

async function main() {
  const missing = missingStripeKeys();
  if (missing.length) {
    console.error(`Set ${missing.join(" and ")} first (a test-mode key, sk_test_…, to try it out).`);
    process.exit(1);
  }
  const lines = await setUpStripeProducts(pricingConfig());
  for (const line of lines) console.log(`${line.action.padEnd(8)} ${line.lookupKey.padEnd(16)} ${line.priceId}`);
  console.log(`\nStripe is ready: ${lines.length} prices.`);
  console.log("Webhook endpoint: https://<your host>/api/billing/webhook, with the events:");
  console.log(`  ${BILLING_EVENT_TYPES.join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

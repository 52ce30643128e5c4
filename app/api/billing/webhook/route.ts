import { NextResponse } from "next/server";
import { billingMode } from "@/lib/billing/mode";
import { handleStripeWebhook, WebhookSignatureError } from "@/lib/billing/stripe/webhook";
import { handler, HttpError } from "@/lib/http/handler";
import { readTextAtMost } from "@/lib/http/input";
import { metrics } from "@/lib/metrics/registry";

/** Stripe's events are a few KB; its documented payload ceiling is far below this. */
const MAX_EVENT_BYTES = 1024 * 1024;

/**
 * Stripe's webhook endpoint. The signature is checked on the body exactly as sent, so it is read
 * as text before anything parses it. 200 for applied, replayed, stale and ignored events; a 5xx
 * (from the wrapper) makes Stripe deliver again later.
 */
export const POST = handler({ auth: "public" }, async ({ req }) => {
  if (billingMode() !== "stripe") throw new HttpError(404, "Stripe billing is not configured on this server.");
  try {
    const outcome = await handleStripeWebhook(await readTextAtMost(req, MAX_EVENT_BYTES), req.headers.get("stripe-signature"));
    metrics().webhooks.inc({ provider: "stripe", outcome });
    return NextResponse.json({ received: true, outcome });
  } catch (error) {
    metrics().webhooks.inc({ provider: "stripe", outcome: error instanceof WebhookSignatureError ? "bad_signature" : "error" });
    if (error instanceof WebhookSignatureError) throw new HttpError(400, `Webhook signature verification failed: ${error.message}`);
    throw error;
  }
});

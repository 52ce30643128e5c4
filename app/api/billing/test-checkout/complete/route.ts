import { NextResponse } from "next/server";
import { z } from "zod";
import { PlanConflictError } from "@/lib/billing/subscriptions";
import { completeTestCheckout, readTestCheckoutToken, testBillingEnabled } from "@/lib/billing/test-mode";
import { handler, HttpError } from "@/lib/http/handler";

/** Completes an offline test checkout: the same fulfilment a paid Stripe Checkout gets. */
export const POST = handler({ auth: "user", body: z.object({ token: z.string().min(1).max(4096) }) }, async ({ user, body }) => {
  // With Stripe configured, purchases must be paid: this route must not exist.
  if (!testBillingEnabled()) throw new HttpError(404, "Not found.");
  const checkout = readTestCheckoutToken(body.token);
  if (!checkout) throw new HttpError(400, "This checkout link is invalid or has expired. Start again from the pricing page.");
  if (checkout.userId !== user.id) throw new HttpError(403, "This checkout belongs to another account.");
  try {
    await completeTestCheckout(checkout);
  } catch (error) {
    if (error instanceof PlanConflictError) throw new HttpError(409, error.message);
    throw error;
  }
  return NextResponse.json({ url: "/account?purchase=ok" });
});

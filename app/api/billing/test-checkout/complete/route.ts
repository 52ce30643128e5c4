import { NextResponse } from "next/server";
import { z } from "zod";
import { line } from "@/lib/validation/text";
import { completeTestCheckout, readTestCheckoutToken, testBillingEnabled } from "@/lib/billing/test-mode";
import { handler, HttpError } from "@/lib/http/handler";

/** Completes an offline test checkout: the same fulfilment a paid Stripe Checkout gets. */
export const POST = handler({ auth: "user", body: z.object({ token: line("Send the checkout token.").min(1, "Send the checkout token.").max(4096, "This checkout link is invalid or has expired. Start again from the pricing page.") }) }, async ({ user, body }) => {
  // With Stripe configured, purchases must be paid: this route must not exist.
  if (!testBillingEnabled()) throw new HttpError(404, "Not found.");
  const checkout = readTestCheckoutToken(body.token);
  if (!checkout) throw new HttpError(400, "This checkout link is invalid or has expired. Start again from the pricing page.");
  if (checkout.userId !== user.id) throw new HttpError(403, "This checkout belongs to another account.");
  await completeTestCheckout(checkout);
  return NextResponse.json({ url: "/account?purchase=ok" });
});

import { NextResponse } from "next/server";
import { pricingConfig } from "@/lib/credits/config";
import { purchaseSchema } from "@/lib/billing/purchase";
import { billingMode } from "@/lib/billing/mode";
import { createStripeCheckout } from "@/lib/billing/stripe/checkout";
import { askStripe } from "@/lib/billing/stripe/errors";
import { renewingSubscription } from "@/lib/billing/subscriptions";
import { createTestCheckoutToken } from "@/lib/billing/test-mode";
import { handler, HttpError } from "@/lib/http/handler";
import { publicBaseUrl } from "@/lib/http/origin";

/** Starts a purchase of a plan or a credit pack; answers the URL of the checkout page to open. */
export const POST = handler({ auth: "user", body: purchaseSchema }, async ({ req, user, body }) => {
  if (body.kind === "pack" && !pricingConfig().packs.some((p) => p.id === body.packId)) {
    throw new HttpError(422, "There is no such credit pack.", { packId: "There is no such credit pack." });
  }
  if (body.kind === "plan") {
    const current = await renewingSubscription(user.id);
    if (current) {
      const name = pricingConfig().plans[current.plan].name;
      const how = billingMode() === "stripe" ? "Change it with Manage billing" : "Cancel it";
      throw new HttpError(409, `You are on the ${name} plan. ${how} on your account page before choosing another plan.`);
    }
  }
  if (billingMode() === "stripe") {
    const url = await askStripe(() => createStripeCheckout(user, body, publicBaseUrl(req.headers, req.nextUrl)));
    return NextResponse.json({ url });
  }
  return NextResponse.json({ url: `/billing/test-checkout/${createTestCheckoutToken(user.id, body)}` });
});

import { NextResponse } from "next/server";
import { pricingConfig } from "@/lib/credits/config";
import { purchaseSchema } from "@/lib/billing/purchase";
import { createTestCheckoutToken, renewingSubscription, testBillingEnabled } from "@/lib/billing/test-mode";
import { handler, HttpError } from "@/lib/http/handler";

/** Starts a purchase of a plan or a credit pack; answers the URL of the checkout page to open. */
export const POST = handler({ auth: "user", body: purchaseSchema }, async ({ user, body }) => {
  // Stripe Checkout Sessions take this branch once they are built; until then only test billing sells.
  if (!testBillingEnabled()) throw new HttpError(501, "Checkout with Stripe is not available yet.");
  if (body.kind === "pack" && !pricingConfig().packs.some((p) => p.id === body.packId)) {
    throw new HttpError(422, "There is no such credit pack.", { packId: "There is no such credit pack." });
  }
  if (body.kind === "plan") {
    const current = await renewingSubscription(user.id);
    if (current) {
      const name = pricingConfig().plans[current.plan].name;
      throw new HttpError(409, `You are on the ${name} plan. Cancel it on your account page before choosing another plan.`);
    }
  }
  const token = createTestCheckoutToken(user.id, body);
  return NextResponse.json({ url: `/billing/test-checkout/${token}` });
});

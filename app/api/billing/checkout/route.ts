import { NextResponse } from "next/server";
import { pricingConfig } from "@/lib/credits/config";
import { startCheckout } from "@/lib/billing/checkout";
import { purchaseSchema } from "@/lib/billing/purchase";
import { askStripe } from "@/lib/billing/stripe/errors";
import { handler, HttpError } from "@/lib/http/handler";
import { publicBaseUrl } from "@/lib/http/origin";

/** Starts a purchase of a plan or a credit pack; answers the URL of the checkout page to open. */
export const POST = handler({ auth: "user", body: purchaseSchema }, async ({ req, user, body }) => {
  if (body.kind === "pack" && !pricingConfig().packs.some((p) => p.id === body.packId)) {
    throw new HttpError(422, "There is no such credit pack.", { packId: "There is no such credit pack." });
  }
  return NextResponse.json({ url: await askStripe(() => startCheckout(user, body, publicBaseUrl(req.headers, req.nextUrl))) });
});

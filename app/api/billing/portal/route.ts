import { NextResponse } from "next/server";
import { billingMode } from "@/lib/billing/mode";
import { createPortalSession } from "@/lib/billing/stripe/checkout";
import { askStripe } from "@/lib/billing/stripe/errors";
import { handler, HttpError } from "@/lib/http/handler";
import { publicBaseUrl } from "@/lib/http/origin";

/** Opens Stripe's Billing Portal (payment method, plan change, cancellation); answers its URL. */
export const POST = handler({ auth: "user" }, async ({ req, user }) => {
  if (billingMode() !== "stripe") throw new HttpError(404, "Billing is in test mode: there is no payment portal. Cancel on the account page.");
  const url = await askStripe(() => createPortalSession(user, `${publicBaseUrl(req.headers, req.nextUrl)}/account`));
  return NextResponse.json({ url });
});

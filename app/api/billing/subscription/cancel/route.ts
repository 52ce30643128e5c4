import { NextResponse } from "next/server";
import { cancelTestSubscription, testBillingEnabled } from "@/lib/billing/test-mode";
import { handler, HttpError } from "@/lib/http/handler";

/** Test billing's stand-in for cancelling in the Billing Portal: the plan ends at the end of the paid period. */
export const POST = handler({ auth: "user" }, async ({ user }) => {
  if (!testBillingEnabled()) throw new HttpError(404, "Not found.");
  await cancelTestSubscription(user.id);
  return NextResponse.json({ ok: true });
});

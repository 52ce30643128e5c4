import { NextResponse } from "next/server";
import { cancelTestSubscription, NoSubscriptionError, testBillingEnabled } from "@/lib/billing/test-mode";
import { handler, HttpError } from "@/lib/http/handler";

/** Test billing's stand-in for cancelling in the Billing Portal: the plan ends at the end of the paid period. */
export const POST = handler({ auth: "user" }, async ({ user }) => {
  if (!testBillingEnabled()) throw new HttpError(404, "Not found.");
  try {
    await cancelTestSubscription(user.id);
  } catch (error) {
    if (error instanceof NoSubscriptionError) throw new HttpError(409, "You have no plan to cancel.");
    throw error;
  }
  return NextResponse.json({ ok: true });
});

import { NextResponse } from "next/server";
import { suspendUser, unsuspendUser } from "@/lib/admin/accounts";
import { suspensionSchema } from "@/lib/admin/schemas";
import { handler } from "@/lib/http/handler";

/** Suspends (cancelling and refunding the user's active jobs) or lifts a suspension. */
export const POST = handler({ auth: "admin", params: ["id"], body: suspensionSchema }, async ({ user, params, body }) => {
  if (!body.suspended) {
    await unsuspendUser(user, params.id, body.reason);
    return NextResponse.json({ suspended: false });
  }
  return NextResponse.json({ suspended: true, ...(await suspendUser(user, params.id, body.reason)) });
});

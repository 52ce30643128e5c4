import { NextResponse } from "next/server";
import { endAllSessions } from "@/lib/admin/accounts";
import { reasonBodySchema } from "@/lib/admin/schemas";
import { handler } from "@/lib/http/handler";

/** Ends every session of the user: they sign in again everywhere. */
export const DELETE = handler({ auth: "admin", params: ["id"], body: reasonBodySchema }, async ({ user, params, body }) => {
  await endAllSessions(user, params.id, body.reason);
  return NextResponse.json({ ended: true });
});

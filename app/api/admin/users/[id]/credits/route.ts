import { NextResponse } from "next/server";
import { adjustCredits } from "@/lib/admin/credits";
import { creditAdjustmentSchema } from "@/lib/admin/schemas";
import { handler } from "@/lib/http/handler";

/** An admin grants or deducts credits, with a reason: a ledger line of its own and an audit line. */
export const POST = handler({ auth: "admin", params: ["id"], body: creditAdjustmentSchema }, async ({ user, params, body }) =>
  NextResponse.json(await adjustCredits(user, params.id, body)),
);

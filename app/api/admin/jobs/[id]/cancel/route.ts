import { NextResponse } from "next/server";
import { adminCancelJob } from "@/lib/admin/job-actions";
import { reasonBodySchema } from "@/lib/admin/schemas";
import { handler } from "@/lib/http/handler";

/** Cancels a queued or running job and refunds its credits. */
export const POST = handler({ auth: "admin", params: ["id"], body: reasonBodySchema }, async ({ user, params, body }) =>
  NextResponse.json(await adminCancelJob(user, params.id, body.reason)),
);

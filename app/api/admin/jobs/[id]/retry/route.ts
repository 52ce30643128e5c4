import { NextResponse } from "next/server";
import { adminRetryJob } from "@/lib/admin/job-actions";
import { retrySchema } from "@/lib/admin/schemas";
import { handler } from "@/lib/http/handler";

/** Runs a failed job again as a new one: charged to the user, or free with the admin's reason. */
export const POST = handler({ auth: "admin", params: ["id"], body: retrySchema }, async ({ user, params, body }) => {
  const { generation, charged } = await adminRetryJob(user, params.id, body);
  return NextResponse.json({ retryId: generation.id, charged }, { status: 201 });
});

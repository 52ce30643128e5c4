import { NextResponse } from "next/server";
import { revokeApiKey } from "@/lib/api-keys/keys";
import { handler, HttpError } from "@/lib/http/handler";

/** Revokes one of the user's keys: requests signed with it are refused from now on. */
export const DELETE = handler({ auth: "user", params: ["id"] }, async ({ user, params }) => {
  const key = await revokeApiKey(user.id, params.id);
  if (!key) throw new HttpError(404, "No such API key.");
  return NextResponse.json({ key });
});

import { NextResponse } from "next/server";
import { createApiKey, listApiKeys } from "@/lib/api-keys/keys";
import { createApiKeySchema } from "@/lib/api-keys/schemas";
import { handler } from "@/lib/http/handler";

/** The signed-in user's API keys (never their secrets). */
export const GET = handler({ auth: "user" }, async ({ user }) => {
  return NextResponse.json({ keys: await listApiKeys(user.id) }, { headers: { "cache-control": "no-store" } });
});

/** Creates a key pair: the only response that ever carries the secret key. */
export const POST = handler({ auth: "user", body: createApiKeySchema }, async ({ user, body }) => {
  const created = await createApiKey(user.id, body.name);
  return NextResponse.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});

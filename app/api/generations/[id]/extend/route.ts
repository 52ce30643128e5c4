import { submitExtension } from "@/lib/generations/extend";
import { idempotencyKeyOf, submitResponse } from "@/lib/generations/respond";
import { handler } from "@/lib/http/handler";
import { extendRequestSchema } from "@/lib/validation/generation";

/** Extend a finished video by one more shot (priced as a new clip of that length). */
export const POST = handler({ auth: "user", body: extendRequestSchema, params: ["id"] }, async ({ req, user, body, params }) =>
  submitResponse(() => submitExtension(user, params.id, body, { idempotencyKey: idempotencyKeyOf(req) })),
);

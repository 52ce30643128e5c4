import { NextResponse } from "next/server";
import { z } from "zod";
import { acceptKlingCallback, klingCallbackSchema } from "@/lib/engines/kling/callback";
import { handler, HttpError } from "@/lib/http/handler";
import { metrics } from "@/lib/metrics/registry";
import { line } from "@/lib/validation/text";

/** The generation and its HMAC token, as callbackUrlFor() put them in the URL. */
const querySchema = z.object({ generation: line().max(200).default(""), token: line().max(200).default("") });

/** Kling's status-change callback (KLING_CALLBACK_URL). It only wakes the job's poller, which asks Kling itself. */
export const POST = handler({ auth: "public", body: klingCallbackSchema, query: querySchema }, async ({ body, query }) => {
  const accepted = await acceptKlingCallback(query.generation, query.token, body);
  metrics().webhooks.inc({ provider: "kling", outcome: accepted ? "accepted" : "refused" });
  if (!accepted) throw new HttpError(403, "This callback is not for a task of this server.");
  return NextResponse.json({ code: 0, message: "ok" });
});

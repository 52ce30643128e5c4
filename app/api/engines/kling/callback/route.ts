import { NextResponse } from "next/server";
import { acceptKlingCallback, klingCallbackSchema } from "@/lib/engines/kling/callback";
import { handler, HttpError } from "@/lib/http/handler";

/** Kling's status-change callback (KLING_CALLBACK_URL). It only wakes the job's poller, which asks Kling itself. */
export const POST = handler({ auth: "public", body: klingCallbackSchema }, async ({ req, body }) => {
  const query = req.nextUrl.searchParams;
  const accepted = await acceptKlingCallback(query.get("generation") ?? "", query.get("token") ?? "", body);
  if (!accepted) throw new HttpError(403, "This callback is not for a task of this server.");
  return NextResponse.json({ code: 0, message: "ok" });
});

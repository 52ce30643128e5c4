import { openGenerationStream } from "@/lib/generations/event-stream";
import { handler } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

/** Server-sent events of the signed-in user's generations (see lib/generations/event-stream.ts). */
export const GET = handler({ auth: "user" }, async ({ req, user }) => {
  return new Response(openGenerationStream(user.id, req.signal), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});

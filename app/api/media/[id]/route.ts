import { handler, HttpError } from "@/lib/http/handler";
import { mediaQuerySchema, serveForPlan } from "@/lib/media/serve";
import { assetForUser } from "@/lib/storage/assets";

/**
 * Streams one of the signed-in user's assets, with byte ranges so videos can seek (generated
 * videos and posters watermarked on plans without clean downloads).
 * `?download=1` (optionally `&name=`) saves it as a file instead of showing it.
 */
export const GET = handler({ auth: "user", params: ["id"], query: mediaQuerySchema }, async ({ req, user, params, query }) => {
  const owned = await assetForUser(user.id, params.id);
  if (!owned) throw new HttpError(404, "No such media.");
  // Free plans are served the watermarked copy of generated media; the clean master stays kept.
  return serveForPlan(req, user.plan, owned, query);
});

import { db } from "@/lib/db/client";
import { handler, HttpError } from "@/lib/http/handler";
import { mediaQuerySchema, serveForPlan } from "@/lib/media/serve";
import { verifySignedMediaToken } from "@/lib/media/signed-links";

/**
 * Streams an asset to whoever holds an unexpired signed link (the public API's result URLs),
 * with no session: the link itself is the authorisation. Serves what the owner's plan allows.
 */
export const GET = handler({ auth: "public", params: ["token"], query: mediaQuerySchema }, async ({ req, params, query }) => {
  const check = verifySignedMediaToken(params.token);
  if (!check.ok) {
    throw new HttpError(403, check.reason === "expired" ? "This download link has expired: query the task again for a fresh one." : "This download link is not valid.");
  }
  const asset = await db().asset.findUnique({ where: { id: check.assetId }, include: { user: { select: { plan: true } } } });
  if (!asset) throw new HttpError(404, "No such media.");
  return serveForPlan(req, asset.user.plan, asset, query);
});

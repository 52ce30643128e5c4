import { handler, HttpError } from "@/lib/http/handler";
import { bearerMatches } from "@/lib/metrics/port.mjs";
import { exposition } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

/**
 * Prometheus' scrape of this process. Off (404) unless METRICS_TOKEN is set, and then only with
 * `Authorization: Bearer <METRICS_TOKEN>`; METRICS_PORT serves the same without the public port.
 */
export const GET = handler({ auth: "public" }, async ({ req }) => {
  const token = process.env.METRICS_TOKEN;
  if (!token) throw new HttpError(404, "Metrics are not served on this port: set METRICS_TOKEN (or METRICS_PORT for a separate port).");
  if (!bearerMatches(req.headers.get("authorization"), token)) throw new HttpError(401, "Send Authorization: Bearer <METRICS_TOKEN> to read the metrics.");
  const { body, contentType } = await exposition();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});

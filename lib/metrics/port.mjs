// METRICS_PORT: a plain HTTP listener for Prometheus beside the app's own port (web and worker
// processes alike), so /metrics can stay off the public port. Plain JavaScript, for
// scripts/next-server.mjs; it serves the registry lib/metrics/registry.ts keeps on globalThis.
import http from "node:http";
import { timingSafeEqual, createHash } from "node:crypto";
import { logger } from "../log/core.mjs";

const digest = (text) => createHash("sha256").update(text).digest();

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function bearerMatches(header, token) {
  const presented = typeof header === "string" && header.startsWith("Bearer ") ? header.slice(7) : "";
  return timingSafeEqual(digest(presented), digest(token));
}

/** Starts the listener when METRICS_PORT is set; METRICS_TOKEN, when set, is required there too. */
export async function startMetricsServer(env = process.env) {
  if (!env.METRICS_PORT) return null;
  const port = Number(env.METRICS_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`METRICS_PORT must be a port number (0–65535); it is "${env.METRICS_PORT}".`);
  const host = env.METRICS_HOST || "127.0.0.1";
  const server = http.createServer(async (req, res) => {
    const registry = globalThis.__reelsmithMetrics?.registry;
    if (req.method !== "GET" || new URL(req.url ?? "/", "http://x").pathname !== "/metrics" || !registry) {
      res.writeHead(404, { "content-type": "text/plain" });
      return res.end("Not found. Prometheus metrics are at /metrics.\n");
    }
    if (env.METRICS_TOKEN && !bearerMatches(req.headers.authorization, env.METRICS_TOKEN)) {
      res.writeHead(401, { "content-type": "text/plain", "www-authenticate": "Bearer" });
      return res.end("Send Authorization: Bearer <METRICS_TOKEN>.\n");
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType });
      res.end(body);
    } catch (error) {
      logger("metrics").error({ err: error }, "could not collect metrics");
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("Could not collect metrics.\n");
    }
  });
  await new Promise((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
  server.unref();
  const address = server.address();
  logger("metrics").info({ host, port: typeof address === "object" && address ? address.port : port }, "metrics listening");
  return server;
}

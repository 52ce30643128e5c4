// Runs Next.js (`dev` or `start`) behind a plain Node HTTP server, started by scripts/serve.ts.
// Next.js does not tell route handlers the address a request came from (it copies the socket's
// address into X-Forwarded-For only when the client sent none), so this server stamps it on
// every request (lib/http/peer-address.mjs) for lib/http/client-address.ts to read.
import http from "node:http";
import next from "next";
import { stampPeerAddress } from "../lib/http/peer-address.mjs";
import { logger } from "../lib/log/core.mjs";
import { refusedWhileStopping, stopServer } from "../lib/runtime/graceful-server.mjs";
import { startMetricsServer } from "../lib/metrics/port.mjs";

const log = logger("web");

const USAGE = "Usage: next-server.mjs dev|start [-p|--port <port>] [-H|--hostname <host>]";
const [mode, ...args] = process.argv.slice(2);
let port = Number(process.env.PORT ?? 3000);
let hostname = process.env.HOSTNAME;
for (let i = 0; i < args.length; i += 2) {
  const [flag, value] = [args[i], args[i + 1]];
  if ((flag === "-p" || flag === "--port") && value) port = Number(value);
  else if ((flag === "-H" || flag === "--hostname") && value) hostname = value;
  else {
    console.error(`Unknown option ${flag}. ${USAGE}`);
    process.exit(2);
  }
}
if ((mode !== "dev" && mode !== "start") || !Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(USAGE);
  process.exit(2);
}

const server = http.createServer();
const app = next({ dev: mode === "dev", hostname: hostname ?? "localhost", port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();
server.on("request", (req, res) => {
  // Shutting down: a request that arrives on a kept-alive connection is sent elsewhere.
  if (refusedWhileStopping(res)) return;
  stampPeerAddress(req);
  void handle(req, res);
});
server.listen(port, hostname, () => {
  log.info(`▲ Reelsmith${mode === "dev" ? " (development)" : ""} ready on http://${hostname ?? "localhost"}:${port}`);
});
await startMetricsServer();

/**
 * SIGTERM: stop listening, answer 503 on kept-alive connections, end the event streams (browsers
 * reconnect to another process) and drain an in-process worker (lib/runtime/graceful-server.mjs),
 * then wait for the requests still being answered (at most OPEN_REQUESTS_GRACE_MS) and exit.
 */
const OPEN_REQUESTS_GRACE_MS = 10_000;
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    for (const error of await stopServer(server, OPEN_REQUESTS_GRACE_MS)) log.error({ err: error }, "a shutdown step failed");
    await app.close().catch((error) => log.error({ err: error }, "Next.js did not close cleanly"));
    process.exit(0);
  });
}

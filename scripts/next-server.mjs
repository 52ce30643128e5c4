// Runs Next.js (`dev` or `start`) behind a plain Node HTTP server, started by scripts/serve.ts.
// Next.js does not tell route handlers the address a request came from (it copies the socket's
// address into X-Forwarded-For only when the client sent none), so this server stamps it on
// every request (lib/http/peer-address.mjs) for lib/http/client-address.ts to read.
import http from "node:http";
import next from "next";
import { stampPeerAddress } from "../lib/http/peer-address.mjs";

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
  stampPeerAddress(req);
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`▲ Reelsmith${mode === "dev" ? " (development)" : ""} ready on http://${hostname ?? "localhost"}:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => app.close().finally(() => process.exit(0))));
}

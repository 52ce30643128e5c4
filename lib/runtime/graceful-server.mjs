// The web process's shutdown at the HTTP level (scripts/next-server.mjs): stop listening, refuse
// requests that still arrive on kept-alive connections, run the app's shutdown steps (its event
// streams end, an in-process worker drains), then wait a while for requests being answered.
import { shutDown, shuttingDown } from "./lifecycle.mjs";

/** Answers 503 (and closes the connection) when the process is shutting down; true when it did. */
export function refusedWhileStopping(res) {
  if (!shuttingDown()) return false;
  res.writeHead(503, { "content-type": "application/json", connection: "close", "retry-after": "1" });
  res.end(JSON.stringify({ error: { message: "This server is restarting; try again." } }));
  return true;
}

/**
 * Stops `server` gracefully: no new connections, idle ones closed, the shutdown steps run, and
 * requests still open after `openRequestsGraceMs` cut. Resolves with the steps' errors.
 */
export async function stopServer(server, openRequestsGraceMs) {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  const errors = await shutDown();
  const cut = setTimeout(() => server.closeAllConnections(), openRequestsGraceMs);
  await closed;
  clearTimeout(cut);
  return errors;
}

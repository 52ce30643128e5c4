// Next.js calls register() once when a server process starts. Unless workers run as their own
// processes (WORKER_MODE=separate + `npm run worker`), the web server is also a worker, so a
// single command runs the whole product.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./lib/mail/config")).reportMailMode();
  const { onShutdown } = await import("./lib/runtime/lifecycle.mjs");
  // Created now, so a METRICS_PORT scrape before the first request sees the process's metrics.
  (await import("./lib/metrics/registry")).metrics();
  const { endAllStreams } = await import("./lib/generations/event-stream");
  onShutdown("event-streams", () => endAllStreams());
  if (process.env.WORKER_MODE === "separate") return;
  const { startWorker, stopWorker } = await import("./lib/worker/start");
  await startWorker();
  onShutdown("worker", () => stopWorker());
}

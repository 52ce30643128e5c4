// `npm run worker`: a worker process (scheduled jobs, and later generations) for scaling out.
// Run the web server with WORKER_MODE=separate and as many of these as you need.
import { logger } from "../lib/log";
import { startMetricsServer } from "../lib/metrics/port.mjs";
import { metrics } from "../lib/metrics/registry";
import { bootOrExit } from "../lib/runtime/boot";
import { startWorker, stopWorker } from "../lib/worker/start";

const log = logger("worker");
const runtime = await bootOrExit();
metrics();
await startMetricsServer();
await startWorker();
log.info("▲ Reelsmith worker ready");

// SIGTERM (a deploy): stop claiming, let local renders finish within WORKER_SHUTDOWN_GRACE_SECONDS,
// hand the rest back to the queue at once, then exit.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await stopWorker();
    await runtime.shutdown();
    process.exit(0);
  });
}

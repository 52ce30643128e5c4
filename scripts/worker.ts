// `npm run worker`: a worker process (scheduled jobs, and later generations) for scaling out.
// Run the web server with WORKER_MODE=separate and as many of these as you need.
import { bootOrExit } from "../lib/runtime/boot";
import { startWorker, stopWorker } from "../lib/worker/start";

const runtime = await bootOrExit();
await startWorker();
console.log("▲ Reelsmith worker ready");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await stopWorker();
    await runtime.shutdown();
    process.exit(0);
  });
}

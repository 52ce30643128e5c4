// Next.js calls register() once when a server process starts. Unless workers run as their own
// processes (WORKER_MODE=separate + `npm run worker`), the web server is also a worker, so a
// single command runs the whole product.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./lib/mail/config")).reportMailMode();
  if (process.env.WORKER_MODE === "separate") return;
  const { startWorker } = await import("./lib/worker/start");
  await startWorker();
}

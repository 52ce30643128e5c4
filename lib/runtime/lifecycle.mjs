// A process's shutdown, shared by scripts/next-server.mjs (which gets SIGTERM) and the app code
// Next.js bundles (which registers what must stop: event streams, an in-process worker). Kept on
// globalThis, since the bundles and the server script load their own copies of this module.
const holder = globalThis;
holder.__reelsmithShutdown ??= { stopping: false, hooks: new Map() };
const state = holder.__reelsmithShutdown;

/** Whether this process has begun shutting down (it takes no new requests and is not ready). */
export function shuttingDown() {
  return state.stopping;
}

/** Registers `stop` (under `name`, so a second registration replaces the first) to run when the process shuts down. */
export function onShutdown(name, stop) {
  state.hooks.set(name, stop);
}

/** Marks the process as shutting down and runs every registered stop together; resolves when all have settled. */
export async function shutDown() {
  state.stopping = true;
  const results = await Promise.allSettled([...state.hooks.values()].map((stop) => stop()));
  return results.filter((r) => r.status === "rejected").map((r) => r.reason);
}

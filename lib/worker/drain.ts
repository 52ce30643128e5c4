import "server-only";
import { HandBack } from "../engines/hand-back";
import { logger } from "../log";

const log = logger("worker");

/** How long a shutting-down worker lets its running local renders finish before handing them back. */
export function shutdownGraceMs(env: Record<string, string | undefined> = process.env): number {
  const seconds = Number(env.WORKER_SHUTDOWN_GRACE_SECONDS ?? 30);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : 30) * 1000;
}

type ActiveJob = { id: string; remote: boolean; abort: AbortController; settled: Promise<void> };

type DrainState = { draining: boolean; active: Map<string, ActiveJob> };
const holder = globalThis as { __reelsmithDrain?: DrainState };
const state = (holder.__reelsmithDrain ??= { draining: false, active: new Map() });

/** Whether this process is shutting down: it claims nothing more. */
export function isDraining(): boolean {
  return state.draining;
}

/**
 * Registers a job this worker has claimed, so a shutdown can let it finish or hand it back (by
 * aborting `abort` with a HandBack reason); call the returned function when the job is over. A job
 * claimed while the worker is already shutting down is handed back at once.
 */
export function trackJob(id: string, remote: boolean, abort: AbortController): () => void {
  let settle = () => {};
  const job: ActiveJob = { id, remote, abort, settled: new Promise<void>((resolve) => (settle = resolve)) };
  state.active.set(id, job);
  if (state.draining) handBack(job);
  return () => {
    if (state.active.get(id) === job) state.active.delete(id);
    settle();
  };
}

/** A worker starting (again, in tests) takes jobs again. */
export function resumeClaiming(): void {
  state.draining = false;
}

function handBack(job: ActiveJob): void {
  job.abort.abort(new HandBack());
}

/**
 * Stops this worker's jobs for a shutdown: remote-engine jobs are handed back at once (their
 * provider task keeps running; the next worker resumes it), local renders get `graceMs` to
 * finish and are then handed back. Resolves when every job has finished or been handed back.
 */
export async function drainJobs(graceMs: number = shutdownGraceMs()): Promise<{ finished: number; handedBack: number }> {
  state.draining = true;
  const jobs = [...state.active.values()];
  const remote = jobs.filter((job) => job.remote);
  const local = jobs.filter((job) => !job.remote);
  remote.forEach(handBack);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
  await Promise.race([Promise.all(local.map((job) => job.settled)), graceOver]);
  clearTimeout(timer);
  const unfinished = local.filter((job) => state.active.get(job.id) === job);
  unfinished.forEach(handBack);
  // Including any job claimed while this ran (handed back at once by trackJob).
  while (state.active.size) await Promise.all([...state.active.values()].map((job) => job.settled));
  const handedBack = remote.length + unfinished.length;
  if (jobs.length) log.info({ finished: jobs.length - handedBack, handedBack, graceMs }, "worker drained");
  return { finished: jobs.length - handedBack, handedBack };
}

import "server-only";
import { startCallbackWorker } from "../api/callbacks/deliver";
import { dropEndedPlans } from "../billing/plan-expiry";
import { grantYearlyPlanMonths } from "../billing/yearly-grants";
import { expireDueGrants } from "../credits/ledger";
import { closeNotifications, onGenerationQueued } from "../queue/notifications";
import { runGenerationJob } from "../generations/run";
import { sweepStuckGenerations } from "../generations/sweeper";
import { removeUnusedUploads } from "../storage/upload-sweep";
import { everyMinute, QUEUES, queue, queueStarted, stopQueue } from "../queue/boss";
import { withLogContext } from "../log";
import { drainJobs, resumeClaiming } from "./drain";

/** Renders one process runs at a time (the local engine keeps a CPU core busy per render). */
const CONCURRENCY = Math.max(1, Number(process.env.WORKER_CONCURRENCY ?? 1));
/** Remote-engine jobs one process follows at once: each mostly waits on the provider. */
const REMOTE_CONCURRENCY = Math.max(1, Number(process.env.WORKER_REMOTE_CONCURRENCY ?? 8));

/**
 * Registers this process as a worker: the generation consumers, and the scheduled jobs
 * (pg-boss fires each schedule once per minute across all workers, however many there are).
 */
export async function startWorker(options: { schedules?: boolean } = {}): Promise<void> {
  const boss = await queue();
  resumeClaiming();
  if (options.schedules !== false) await startSchedules();
  const workers: string[] = [];
  for (const [name, slots] of [
    [QUEUES.generation, CONCURRENCY],
    [QUEUES.remoteGeneration, REMOTE_CONCURRENCY],
  ] as const) {
    for (let i = 0; i < slots; i++) {
      const worker: string = await boss.work<{ generationId: string }>(name, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([job]) => {
        if (!job) return;
        await withLogContext({ jobId: job.data.generationId, queue: name }, () => runGenerationJob(job.data.generationId));
        // pg-boss otherwise waits out the rest of the polling interval after every job: a backlog of
        // short jobs is worked back to back instead.
        boss.notifyWorker(worker);
      });
      workers.push(worker);
    }
  }
  await startCallbackWorker({ sweep: options.schedules !== false });
  // A submitted job wakes the workers at once instead of at their next poll.
  await onGenerationQueued(() => workers.forEach((id) => boss.notifyWorker(id)));
}

async function startSchedules(): Promise<void> {
  await everyMinute(QUEUES.creditsExpiry, () => expireDueGrants(), (closed) => (closed > 0 ? `closed ${closed} expired credit grants` : null));
  await everyMinute(QUEUES.generationSweep, () => sweepStuckGenerations(), (swept) =>
    swept.requeued || swept.failed ? `stuck jobs: ${swept.requeued} requeued, ${swept.failed} failed` : null,
  );
  await everyMinute(QUEUES.planExpiry, () => dropEndedPlans());
  await everyMinute(QUEUES.yearlyGrants, () => grantYearlyPlanMonths(), (granted) => (granted > 0 ? `granted ${granted} monthly credit grants of yearly plans` : null));
  await everyMinute(QUEUES.uploadSweep, () => removeUnusedUploads(), (removed) => (removed > 0 ? `removed ${removed} uploads no generation used` : null));
}

/**
 * Stops claiming jobs, lets running local renders finish within the grace period (and hands the
 * rest back to the queue at once, remote-engine jobs with their provider task), then lets go of
 * the queue and the database.
 */
export async function stopWorker(options: { graceMs?: number } = {}): Promise<void> {
  const drained = drainJobs(options.graceMs);
  const boss = queueStarted() ? await queue() : null;
  await Promise.all([QUEUES.generation, QUEUES.remoteGeneration].map((name) => boss?.offWork(name)));
  await drained;
  await stopQueue();
  await closeNotifications();
}

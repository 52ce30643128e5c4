import { inject } from "vitest";

// Each integration test worker has a database of its own (see global-setup.ts).
const urls = inject("workerDatabaseUrls");
process.env.DATABASE_URL = urls[(Number(process.env.VITEST_POOL_ID ?? "1") - 1) % urls.length];

// Retries of transient failures come after 1, 2, 4 s instead of 5, 10, 20 s: the order of events is what is tested.
process.env.JOB_RETRY_SECONDS ??= "1";

// Files run one after another on a worker's database, each in a process of its own: queue names by
// process keep a file's workers off the jobs an earlier file left queued (a test's spawned worker
// process inherits the name, and so shares the queue on purpose).
process.env.QUEUE_PREFIX ??= `t${process.pid}_`;

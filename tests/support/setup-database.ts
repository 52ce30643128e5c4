import { inject } from "vitest";

// Each integration test worker has a database of its own (see global-setup.ts).
const urls = inject("workerDatabaseUrls");
process.env.DATABASE_URL = urls[(Number(process.env.VITEST_POOL_ID ?? "1") - 1) % urls.length];

// Several processes may still share a database (a test spawning a worker process): queue names say whose jobs are whose.
process.env.QUEUE_PREFIX ??= `t${process.pid}_`;

// Retries of transient failures come after 1, 2, 4 s instead of 5, 10, 20 s: the order of events is what is tested.
process.env.JOB_RETRY_SECONDS ??= "1";

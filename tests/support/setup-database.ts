import { inject } from "vitest";

// Integration test workers reach the database global-setup prepared.
process.env.DATABASE_URL = inject("databaseUrl");

// Test files run in parallel processes on one database: each process's workers see only its own jobs.
process.env.QUEUE_PREFIX ??= `t${process.pid}_`;

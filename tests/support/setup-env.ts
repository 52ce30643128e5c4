import { inject } from "vitest";

// Workers reach the database global-setup prepared.
process.env.DATABASE_URL = inject("databaseUrl");

// Route handlers read sessions signed with this; tests sign theirs with it too.
process.env.NEXTAUTH_SECRET ??= "reelsmith-test-secret";
// Encrypts API secret keys and signs download links.
process.env.API_SERVER_KEY ??= "reelsmith-test-server-key";

// Test files run in parallel processes on one database: each process's workers see only its own jobs.
process.env.QUEUE_PREFIX ??= `t${process.pid}_`;

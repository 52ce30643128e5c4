import { inject } from "vitest";

// Workers reach the database global-setup prepared.
process.env.DATABASE_URL = inject("databaseUrl");

// Route handlers read sessions signed with this; tests sign theirs with it too.
process.env.NEXTAUTH_SECRET ??= "reelsmith-test-secret";

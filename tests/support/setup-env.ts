import { inject } from "vitest";

// Workers reach the database global-setup prepared.
process.env.DATABASE_URL = inject("databaseUrl");

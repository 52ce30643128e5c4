import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { logger } from "../log";
import { PrismaClient } from "./generated/client";

export type Db = InstanceType<typeof PrismaClient>;

type Connection = { client: Db; pool: pg.Pool };

function connect(): Connection {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      "DATABASE_URL is not set. Start Reelsmith with `npm run dev` or `npm start`, which start the embedded database, or set DATABASE_URL.",
    );
  }
  // One pool for Prisma and for the hot paths' plain SQL (lib/db/sql.ts): one set of connections per process.
  // Idle connections do not keep a finished script alive.
  // A transaction left idle by a stuck request is ended by the server, and a wait for a connection gives up
  // after a minute (Prisma's own transactions had the same limits).
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    allowExitOnIdle: true,
    connectionTimeoutMillis: 60_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  // An idle connection the server drops (a restart, a failover) is replaced, not an uncaught error.
  pool.on("error", (error) => logger("db").warn({ err: error }, "an idle database connection was lost"));
  // $disconnect() ends the pool; the next db() or dbPool() then connects afresh.
  return { client: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }), pool };
}

// One connection per process, surviving Next's dev-mode module reloads.
const holder = globalThis as { __reelsmithDb?: Connection };

function connection(): Connection {
  if (!holder.__reelsmithDb || holder.__reelsmithDb.pool.ending) holder.__reelsmithDb = connect();
  return holder.__reelsmithDb;
}

/** The Prisma client. Created on first use, so importing this module never needs a database. */
export function db(): Db {
  return connection().client;
}

/** The pool under the Prisma client, for lib/db/sql.ts. */
export function dbPool(): pg.Pool {
  return connection().pool;
}

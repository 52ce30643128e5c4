import "server-only";
import pg from "pg";

const holder = globalThis as { __reelsmithPool?: pg.Pool };

/** A plain `pg` pool for the few stores that speak SQL themselves (rate limiter, queue). */
export function pgPool(): pg.Pool {
  holder.__reelsmithPool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
  return holder.__reelsmithPool;
}

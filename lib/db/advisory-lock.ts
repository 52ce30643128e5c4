import "server-only";
import pg from "pg";

/** The lock was still held by someone else when the wait ran out. */
export class LockTimeoutError extends Error {}

/**
 * Runs `work` holding a PostgreSQL session advisory lock on `key`, so one process at a time does
 * it across every web server and worker. Waits at most `waitMs` (lock_timeout), then throws
 * LockTimeoutError. The lock lives on a connection of its own, outside the shared pools, so long
 * work never holds a pooled connection; if that connection drops, PostgreSQL releases the lock.
 */
export async function withAdvisoryLock<T>(key: string, waitMs: number, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("SELECT set_config('lock_timeout', $1, false)", [`${Math.max(1, Math.round(waitMs))}ms`]);
    try {
      await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
    } catch (error) {
      if ((error as { code?: string }).code === "55P03") throw new LockTimeoutError(`${key} stayed locked for ${Math.round(waitMs / 1000)} s`);
      throw error;
    }
    return await work();
  } finally {
    // Closing the session releases its advisory locks.
    await client.end().catch(() => {});
  }
}

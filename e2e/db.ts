import pg from "pg";
import { ensureEmbeddedCluster } from "../lib/db/embedded";

/**
 * The e2e server's own database (playwright.config.ts: the embedded `reelsmith_e2e`, or a local
 * DATABASE_URL), for the few steps no UI exists for yet — e.g. changing a user's plan.
 */
export async function e2eQuery<T = unknown>(text: string, values: unknown[]): Promise<T[]> {
  const url = process.env.DATABASE_URL ?? (await ensureEmbeddedCluster()).urlFor("reelsmith_e2e");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

// A database for benchmarks: DATABASE_URL when set, otherwise a fresh `reelsmith_bench` database
// on the embedded server (started here, or joined when already running).
import { ensureEmbeddedCluster, recreateDatabase } from "../lib/db/embedded";
import { applyPendingMigrations } from "../lib/db/migrations";

export async function benchDatabase(): Promise<{ stop(): Promise<void> }> {
  const cluster = process.env.DATABASE_URL ? undefined : await ensureEmbeddedCluster();
  process.env.DATABASE_URL ??= await recreateDatabase(cluster!, "reelsmith_bench");
  await applyPendingMigrations(process.env.DATABASE_URL);
  return { stop: async () => cluster?.stop() };
}

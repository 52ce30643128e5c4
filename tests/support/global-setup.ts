import type { TestProject } from "vitest/node";
import { ensureEmbeddedCluster, recreateDatabase, type EmbeddedCluster } from "../../lib/db/embedded";
import { applyPendingMigrations } from "../../lib/db/migrations";

let cluster: EmbeddedCluster | undefined;

/**
 * Integration tests run against a real PostgreSQL: TEST_DATABASE_URL when set, otherwise a
 * fresh `reelsmith_test` database on the embedded server (started here, or joined if running).
 */
export async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    cluster = await ensureEmbeddedCluster();
    url = await recreateDatabase(cluster, "reelsmith_test");
    project.provide("clusterAdminUrl", cluster.urlFor("postgres"));
  }
  await applyPendingMigrations(url);
  process.env.DATABASE_URL = url;
  project.provide("databaseUrl", url);
}

export async function teardown() {
  await cluster?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    clusterAdminUrl: string | undefined;
  }
}

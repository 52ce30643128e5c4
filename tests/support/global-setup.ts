import pg from "pg";
import type { TestProject } from "vitest/node";
import { ensureEmbeddedCluster, recreateDatabase, type EmbeddedCluster } from "../../lib/db/embedded";
import { applyPendingMigrations } from "../../lib/db/migrations";
import { TEST_WORKERS } from "./workers";

let cluster: EmbeddedCluster | undefined;

/** `url` with another database name. */
function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

/** Fresh copies of the migrated database `url` names, one per test worker (`<name>_w1`, …). */
async function workerCopies(url: string): Promise<string[]> {
  const template = new URL(url).pathname.slice(1);
  // Connected to the server's maintenance database: a template being copied must have no sessions.
  const server = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await server.connect();
  try {
    const urls: string[] = [];
    for (let worker = 1; worker <= TEST_WORKERS; worker++) {
      const name = `${template}_w${worker}`;
      await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await server.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      urls.push(withDatabase(url, name));
    }
    return urls;
  } finally {
    await server.end();
  }
}

/**
 * Integration tests run against a real PostgreSQL: TEST_DATABASE_URL when set, otherwise a fresh
 * `reelsmith_test` database on the embedded server (started here, or joined if running). It is
 * migrated once and copied for each test worker.
 */
export async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    cluster = await ensureEmbeddedCluster();
    url = await recreateDatabase(cluster, "reelsmith_test");
    project.provide("clusterAdminUrl", cluster.urlFor("postgres"));
  }
  await applyPendingMigrations(url);
  project.provide("databaseUrl", url);
  project.provide("workerDatabaseUrls", await workerCopies(url));
}

export async function teardown() {
  await cluster?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated test database (the template of the workers' copies). */
    databaseUrl: string;
    /** One database per test worker, by VITEST_POOL_ID (1-based). */
    workerDatabaseUrls: string[];
    clusterAdminUrl: string | undefined;
  }
}

import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { ensureDatabase, ensureEmbeddedCluster } from "./embedded";

const usingEmbedded = inject("clusterAdminUrl") !== undefined;

describe.runIf(usingEmbedded)("embedded PostgreSQL", () => {
  it("is joined, not started twice, by a second process on the same data folder", async () => {
    const joined = await ensureEmbeddedCluster();
    expect(joined.owned).toBe(false);
    expect(joined.urlFor("postgres")).toBe(inject("clusterAdminUrl"));
    await joined.stop(); // a joiner's stop leaves the server running
    const client = new pg.Client({ connectionString: joined.urlFor("postgres") });
    await client.connect();
    const { rows } = await client.query("SHOW server_version");
    await client.end();
    expect(rows[0].server_version).toMatch(/^18\./);
  });

  it("creates a database once, even when asked concurrently", async () => {
    const cluster = await ensureEmbeddedCluster();
    const name = `reelsmith_test_race_${Date.now()}`;
    const urls = await Promise.all(Array.from({ length: 5 }, () => ensureDatabase(cluster, name)));
    expect(new Set(urls).size).toBe(1);
    const client = new pg.Client({ connectionString: cluster.urlFor("postgres") });
    await client.connect();
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    await client.query(`DROP DATABASE ${name}`);
    await client.end();
    expect(rowCount).toBe(1);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyPendingMigrations, readMigrations } from "./migrations";
import { diffSql, schemaSource } from "./schema-engine";

const databaseUrl = inject("databaseUrl");
const schemaPath = path.resolve("prisma/schema.prisma");
const schema = schemaSource(schemaPath, readFileSync(schemaPath, "utf8"));

/** A scratch database next to the test database, on the same server. */
async function scratchDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Tables, columns, indexes and foreign keys of the public schema, in a comparable form. */
async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
    );
    const foreignKeys = await client.query(
      `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY conname`,
    );
    const enums = await client.query(
      `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY t.typname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, foreignKeys: foreignKeys.rows, enums: enums.rows };
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("are all in Prisma's layout, with a lockfile, so `prisma migrate deploy` can apply them too", async () => {
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    for (const m of migrations) expect(m.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect(readFileSync("prisma/migrations/migration_lock.toml", "utf8")).toContain('provider = "postgresql"');
  });

  it("cover every change to prisma/schema.prisma (the snapshot of the last migration matches it)", async () => {
    const snapshotPath = path.resolve("prisma/schema.snapshot.prisma");
    const snapshot = schemaSource(snapshotPath, readFileSync(snapshotPath, "utf8"));
    expect(await diffSql(databaseUrl, snapshot, schema)).toBe("");
  });

  it("apply once: a second run is a no-op", async () => {
    expect(await applyPendingMigrations(databaseUrl)).toEqual([]);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`);
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual((await readMigrations()).map((m) => m.name));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  describe("produce exactly the database the schema describes", () => {
    let migrated: Awaited<ReturnType<typeof scratchDatabase>>;
    let fromSchema: Awaited<ReturnType<typeof scratchDatabase>>;
    beforeAll(async () => {
      migrated = await scratchDatabase("reelsmith_test_migrated");
      fromSchema = await scratchDatabase("reelsmith_test_from_schema");
    });
    afterAll(async () => {
      await migrated.drop();
      await fromSchema.drop();
    });

    it("matches a database created straight from schema.prisma", async () => {
      expect(await applyPendingMigrations(migrated.url)).toHaveLength((await readMigrations()).length);
      const client = new pg.Client({ connectionString: fromSchema.url });
      await client.connect();
      await client.query(await diffSql(databaseUrl, { tag: "empty" }, schema));
      await client.end();
      const [a, b] = await Promise.all([catalog(migrated.url), catalog(fromSchema.url)]);
      expect(a.columns.length).toBeGreaterThan(50);
      expect(a).toEqual(b);
    });
  });
});

describe("money invariants in the database itself", () => {
  it("refuse a grant whose remaining leaves 0..amount", async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const id = `check-${Date.now()}`;
      await client.query(`INSERT INTO "User"(id, email, "updatedAt") VALUES ($1, $2, now())`, [id, `${id}@example.test`]);
      const insert = (remaining: number) =>
        client.query(
          `INSERT INTO "CreditGrant"(id, "userId", source, amount, remaining, "expiresAt", "externalRef")
           VALUES ($1, $2, 'promo', 10, $3, now() + interval '1 day', $1)`,
          [`${id}-${remaining}`, id, remaining],
        );
      await expect(insert(-1)).rejects.toThrow(/CreditGrant_remaining_range/);
      await expect(insert(11)).rejects.toThrow(/CreditGrant_remaining_range/);
      await expect(insert(10)).resolves.toBeDefined();
    } finally {
      await client.end();
    }
  });
});

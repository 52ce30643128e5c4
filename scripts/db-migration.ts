// Writes a new migration: the SQL that turns the schema as of the last migration
// (prisma/schema.snapshot.prisma) into prisma/schema.prisma, offline, through the wasm engine.
// (the wasm engine needs a live connection even for that; it changes nothing there).
// Usage: npm run db:migration -- <name>
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffSql, schemaSource } from "../lib/db/schema-engine";
import { migrationsDir } from "../lib/db/migrations";
import { ensureEmbeddedCluster } from "../lib/db/embedded";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _ only)");
  process.exit(2);
}

const schemaPath = path.resolve("prisma/schema.prisma");
const snapshotPath = path.resolve("prisma/schema.snapshot.prisma");
const from = existsSync(snapshotPath)
  ? schemaSource(snapshotPath, readFileSync(snapshotPath, "utf8"))
  : ({ tag: "empty" } as const);
const cluster = process.env.DATABASE_URL ? undefined : await ensureEmbeddedCluster();
const sql = await diffSql(process.env.DATABASE_URL ?? cluster!.urlFor("postgres"), from, schemaSource(schemaPath, readFileSync(schemaPath, "utf8")));
await cluster?.stop();
if (!sql) {
  console.log("prisma/schema.prisma matches the last migration: nothing to write.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir(), `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
writeFileSync(path.join(migrationsDir(), "migration_lock.toml"), 'provider = "postgresql"\n');
copyFileSync(schemaPath, snapshotPath);
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql; review it, then commit it with the snapshot.`);

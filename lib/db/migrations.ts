import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { noFilters, openSchemaEngine } from "./schema-engine";

export function migrationsDir(): string {
  return path.resolve("prisma", "migrations");
}

export type MigrationFolder = { name: string; sql: string };

/** Migration folders in Prisma's layout (`<timestamp>_<name>/migration.sql`), oldest first. */
export async function readMigrations(dir = migrationsDir()): Promise<MigrationFolder[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => ({ name, sql: await readFile(path.join(dir, name, "migration.sql"), "utf8") })),
  );
}

/**
 * Applies pending migrations the way `prisma migrate deploy` does (same `_prisma_migrations`
 * bookkeeping, each migration in its own transaction), through the wasm schema engine.
 * A no-op when the database is up to date. Returns the names it applied.
 */
export async function applyPendingMigrations(connectionString: string, dir = migrationsDir()): Promise<string[]> {
  const migrations = await readMigrations(dir);
  let lockfile: string | null = null;
  try {
    lockfile = await readFile(path.join(dir, "migration_lock.toml"), "utf8");
  } catch {
    lockfile = null;
  }
  const { engine, close } = await openSchemaEngine(connectionString);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: {
        baseDir: dir,
        lockfile: { path: "migration_lock.toml", content: lockfile },
        shadowDbInitScript: "",
        migrationDirectories: migrations.map((m) => ({
          path: m.name,
          migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
        })),
      },
      filters: noFilters,
    });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

import "server-only";
import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "../db/client";
import { scrub } from "../log";
import { queue } from "../queue/boss";
import { storage } from "../storage";
import { shuttingDown } from "./lifecycle.mjs";

export type CheckName = "shutdown" | "database" | "migrations" | "queue" | "storage";
export type Readiness = { ready: boolean; checks: Record<CheckName, { ok: boolean; message?: string }> };

/** A check that takes longer than this counts as failed: a load balancer must get its answer quickly. */
const CHECK_TIMEOUT_MS = 3_000;

function withinTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS / 1000} s.`)), CHECK_TIMEOUT_MS)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function migrationsApplied(): Promise<string | null> {
  const entries = await readdir(path.resolve("prisma", "migrations"), { withFileTypes: true });
  const shipped = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  const rows = await db().$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((r) => r.migration_name));
  const pending = shipped.filter((name) => !applied.has(name)).sort();
  return pending.length ? `${pending.length} migration(s) not applied: ${pending.join(", ")}. Start the app or run npm run db:migrate.` : null;
}

/** A storage probe that passed is trusted this long: load balancers ask every few seconds, and with S3 each probe is three requests. */
const STORAGE_PROBE_TTL_MS = 15_000;
let storageOk: { target: string; at: number } | null = null;
const storageTarget = () => [process.env.STORAGE_DRIVER, process.env.MEDIA_DIR, process.env.S3_ENDPOINT, process.env.S3_BUCKET].join("|");

/** Writes, reads back and deletes a small object: the storage this process stores videos in takes writes. */
async function storageWritable(): Promise<void> {
  if (storageOk?.target === storageTarget() && Date.now() - storageOk.at < STORAGE_PROBE_TTL_MS) return;
  const key = `readiness/${process.pid}-${randomUUID()}`;
  const probe = Buffer.from("ready");
  await storage().putBuffer(key, probe, "text/plain");
  try {
    if ((await storage().size(key)) !== probe.length) throw new Error("A probe object written to storage was not there afterwards.");
  } finally {
    await storage().delete(key);
  }
  storageOk = { target: storageTarget(), at: Date.now() };
}

// Answered to anyone who asks: credentials in a driver's message are masked.
const describe = (error: unknown) => scrub(error instanceof Error ? error.message : String(error));

/**
 * Whether this process can take traffic: not shutting down, its database answering with every
 * shipped migration applied, its queue started, and its media storage taking writes.
 */
export async function readiness(): Promise<Readiness> {
  const check = async (what: string, work: () => Promise<string | null | void>) => {
    try {
      const problem = await withinTimeout(work(), what);
      return problem ? { ok: false, message: problem } : { ok: true };
    } catch (error) {
      return { ok: false, message: `${what}: ${describe(error)}` };
    }
  };
  const database = await check("The database", async () => void (await db().$queryRaw`SELECT 1`));
  const skipped = { ok: false, message: "Not checked: the database is not reachable." };
  const [migrations, queueCheck, storageCheck] = await Promise.all([
    database.ok ? check("The migrations check", migrationsApplied) : skipped,
    database.ok ? check("The job queue", async () => void (await queue())) : skipped,
    check("The media storage", storageWritable),
  ]);
  const shutdown = shuttingDown() ? { ok: false, message: "This process is shutting down." } : { ok: true };
  const checks = { shutdown, database, migrations, queue: queueCheck, storage: storageCheck };
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}

import "server-only";
import PgBoss from "pg-boss";
import type { RawSql } from "../db/sql";
import { logger } from "../log";

const log = logger("queue");

// QUEUE_PREFIX keeps apart deployments (or concurrent test runs) that share one database.
const named = (name: string) => `${process.env.QUEUE_PREFIX ?? ""}${name}`;

/** Queue names: one per kind of background work. */
export const QUEUES = {
  get apiCallback() {
    return named("api-callback");
  },
  get apiCallbackSweep() {
    return named("api-callback-sweep");
  },
  get creditsExpiry() {
    return named("credits-expiry");
  },
  /** Jobs of the local engine: CPU-bound, a few at a time per worker. */
  get generation() {
    return named("generation");
  },
  /** Jobs of remote engines (Kling): mostly waiting on the provider for minutes, many at a time. */
  get remoteGeneration() {
    return named("generation-remote");
  },
  get generationSweep() {
    return named("generation-sweep");
  },
  get planExpiry() {
    return named("plan-expiry");
  },
  get yearlyGrants() {
    return named("yearly-grants");
  },
  get uploadSweep() {
    return named("upload-sweep");
  },
};

const holder = globalThis as { __reelsmithBoss?: Promise<PgBoss> };

/** This process's pg-boss, on the app's own database (schema `pgboss`), started on first use. */
export function queue(): Promise<PgBoss> {
  holder.__reelsmithBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: "pgboss", max: 4, application_name: "reelsmith-queue" });
    boss.on("error", (error) => log.error({ err: error }, "queue error"));
    await boss.start();
    // One at a time: each creates a partition of pg-boss's job table, and concurrent DDL deadlocks.
    for (const name of Object.values(QUEUES)) await boss.createQueue(name);
    return boss;
  })();
  return holder.__reelsmithBoss;
}

/**
 * Runs `task` once a minute across all workers (pg-boss fires a schedule once, however many
 * processes registered it); logs what it did when `report` says something.
 */
export async function everyMinute<T>(name: string, task: () => Promise<T>, report: (result: T) => string | null = () => null): Promise<void> {
  const boss = await queue();
  await boss.schedule(name, "* * * * *", {}, { tz: "UTC" });
  await boss.work(name, { pollingIntervalSeconds: 1 }, async () => {
    const line = report(await task());
    if (line) log.info({ queue: name }, line);
  });
}

/** Whether this process has started (or is starting) its pg-boss. */
export function queueStarted(): boolean {
  return holder.__reelsmithBoss !== undefined;
}

export async function stopQueue(): Promise<void> {
  const boss = holder.__reelsmithBoss;
  holder.__reelsmithBoss = undefined;
  if (boss) await (await boss).stop({ graceful: true, timeout: 10_000 });
}

/**
 * pg-boss's database interface over a transaction (Prisma's or lib/db/sql's), so a job is enqueued
 * in the same transaction as the rows and the credit spend it belongs to (all commit, or none).
 */
export function queueDbFor(tx: RawSql): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const params = values.map((v: unknown) => (v === undefined ? null : v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v));
      const rows = await tx.$queryRawUnsafe<unknown[]>(text, ...params);
      return { rows };
    },
  };
}

import client from "prom-client";
import { db } from "../db/client";
import { logger } from "../log";
import { QUEUES } from "../queue/boss";

const log = logger("metrics");

/** A collector that cannot read (the database down, pg-boss's tables not made yet) leaves its gauge empty instead of failing the scrape. */
function guarded(name: string, collect: (gauge: client.Gauge) => Promise<void>) {
  return async function (this: client.Gauge) {
    try {
      await collect(this);
    } catch (error) {
      this.reset();
      log.warn({ err: error, metric: name }, "could not read a metric from the database");
    }
  };
}

/**
 * Gauges read from the database at scrape time: the same numbers from every process, correct
 * however many processes changed them. Each is one grouped query.
 */
export function collectDatabaseMetrics(registry: client.Registry) {
  const metric = { registers: [registry] };
  const jobs = new client.Gauge({
    ...metric,
    name: "reelsmith_jobs",
    help: "Generations by state and engine (from the database).",
    labelNames: ["state", "engine"],
    collect: guarded("reelsmith_jobs", async (gauge) => {
      const rows = await db().$queryRaw<{ status: string; provider: string; n: bigint }[]>`
        SELECT status::text AS status, provider, count(*) AS n FROM "Generation" GROUP BY status, provider`;
      gauge.reset();
      for (const row of rows) gauge.set({ state: row.status, engine: row.provider }, Number(row.n));
    }),
  });
  type QueueRow = { name: string; depth: bigint; oldest: number | null };
  const queueRows = () =>
    db().$queryRaw<QueueRow[]>`
      SELECT name, count(*) AS depth, EXTRACT(EPOCH FROM now() - min(created_on))::float8 AS oldest
        FROM pgboss.job WHERE state IN ('created', 'retry') AND start_after <= now() GROUP BY name`;
  const queueGauge = (name: string, help: string, value: (row: QueueRow | undefined) => number) =>
    new client.Gauge({
      ...metric,
      name,
      help,
      labelNames: ["queue"],
      collect: guarded(name, async (gauge) => {
        const rows = await queueRows();
        for (const queue of [QUEUES.generation, QUEUES.remoteGeneration, QUEUES.apiCallback]) gauge.set({ queue }, value(rows.find((r) => r.name === queue)));
      }),
    });
  const depth = queueGauge("reelsmith_queue_depth", "Jobs waiting in a queue that may start now (from the database).", (row) => Number(row?.depth ?? 0));
  const oldest = queueGauge(
    "reelsmith_queue_oldest_job_age_seconds",
    "Age of the oldest job waiting in a queue that may start now; 0 when none waits (from the database).",
    (row) => row?.oldest ?? 0,
  );
  const credits = new client.Gauge({
    ...metric,
    name: "reelsmith_ledger_credits",
    help: "Credits moved by the ledger since the start, by reason (grant, spend, refund, expire, adjustment), as positive amounts; only ever grows (from the database).",
    labelNames: ["reason"],
    collect: guarded("reelsmith_ledger_credits", async (gauge) => {
      const rows = await db().$queryRaw<{ reason: string; total: bigint | null }[]>`
        SELECT reason::text AS reason, sum(abs(amount)) AS total FROM "CreditEntry" GROUP BY reason`;
      for (const reason of ["grant", "spend", "refund", "expire", "adjustment"]) {
        gauge.set({ reason }, Number(rows.find((r) => r.reason === reason)?.total ?? 0));
      }
    }),
  });
  return { jobs, depth, oldest, credits };
}

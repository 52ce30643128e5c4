// Ledger throughput: spends per second on one hot account and across 100 accounts, next to a
// baseline of the same number of plain single-row UPDATE transactions on the same database,
// through the same client and pool, in the same run.
// Run: npm run bench:ledger   (DATABASE_URL to use another server; default: embedded, database reelsmith_bench)
import { randomUUID } from "node:crypto";
import { benchDatabase } from "./bench-db";

const SPENDS = Number(process.env.BENCH_SPENDS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ACCOUNTS = 100;

const database = await benchDatabase();

const { db } = await import("../lib/db/client");
const { grantCredits, spendCredits } = await import("../lib/credits/ledger");

async function users(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const user = await db().user.create({ data: { email: `bench-${randomUUID()}@example.test` } });
    await grantCredits({ userId: user.id, source: "promo", amount: 1_000_000, expiresAt: new Date("2099-01-01"), externalRef: `bench-${user.id}` });
    ids.push(user.id);
  }
  return ids;
}

/** Runs `count` operations with `CONCURRENCY` in flight; returns operations per second. */
async function throughput(count: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await op(next++);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

await db().$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS bench_counter (id int PRIMARY KEY, n bigint NOT NULL)`);
await db().$executeRawUnsafe(`INSERT INTO bench_counter SELECT g, 0 FROM generate_series(0, ${ACCOUNTS - 1}) g ON CONFLICT DO NOTHING`);
const baselineUpdate = (row: number) =>
  db().$transaction((tx) => tx.$executeRaw`UPDATE bench_counter SET n = n - 1 WHERE id = ${row}`);

const [hot] = await users(1);
const spread = await users(ACCOUNTS);
const run = randomUUID().slice(0, 8);

// Warm-up: connections, prepared plans.
await throughput(200, (i) => spendCredits(hot!, 1, `warm-${run}-${i}`));
await throughput(200, () => baselineUpdate(0));

const results = {
  hotLedger: await throughput(SPENDS, (i) => spendCredits(hot!, 1, `hot-${run}-${i}`)),
  hotBaseline: await throughput(SPENDS, () => baselineUpdate(0)),
  spreadLedger: await throughput(SPENDS, (i) => spendCredits(spread[i % ACCOUNTS]!, 1, `spread-${run}-${i}`)),
  spreadBaseline: await throughput(SPENDS, (i) => baselineUpdate(i % ACCOUNTS)),
};

const hotRatio = results.hotLedger / results.hotBaseline;
const spreadRatio = results.spreadLedger / results.spreadBaseline;
const f = (n: number) => n.toFixed(0).padStart(6);
console.log(`${SPENDS} operations each, ${CONCURRENCY} in flight, pool of ${process.env.DATABASE_POOL_SIZE ?? 10} connections`);
console.log(`one hot account:  ledger spends ${f(results.hotLedger)}/s   baseline UPDATEs ${f(results.hotBaseline)}/s   ratio ${hotRatio.toFixed(2)}`);
console.log(`100 accounts:     ledger spends ${f(results.spreadLedger)}/s   baseline UPDATEs ${f(results.spreadBaseline)}/s   ratio ${spreadRatio.toFixed(2)}`);

await db().$disconnect();
await database.stop();
console.log(`ledger: ${Math.min(hotRatio, spreadRatio).toFixed(2)} of baseline (goal ≥ 0.30; the lower of hot ${hotRatio.toFixed(2)} and 100 accounts ${spreadRatio.toFixed(2)})`);

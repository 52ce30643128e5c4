// Workers side by side: USERS users × JOBS_PER_USER jobs, mixed plans, submitted as a backlog and
// worked by 1, 2 and 4 worker processes (`npm run worker`) whose engine takes a fixed time
// (BENCH_FIXED_ENGINE_MS: lib/engines/fixed-time.ts, refused in production). Per round: jobs/s,
// scaling efficiency against one worker, p95 queue wait per plan, the worst free-plan wait and the
// most database connections open at once.
// Run: npm run bench:scale   (BENCH_USERS, BENCH_JOBS_PER_USER, BENCH_ENGINE_MS, BENCH_WORKERS=1,2,4,
// WORKER_CONCURRENCY; DATABASE_URL to use another server; default: embedded, database reelsmith_bench)
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { benchDatabase } from "./bench-db";
import { percentile } from "./timing";

const USERS = Number(process.env.BENCH_USERS ?? 1000);
const JOBS_PER_USER = Number(process.env.BENCH_JOBS_PER_USER ?? 10);
const ENGINE_MS = Number(process.env.BENCH_ENGINE_MS ?? 200);
const ROUNDS = (process.env.BENCH_WORKERS ?? "1,2,4").split(",").map(Number);
const SLOTS = Number(process.env.WORKER_CONCURRENCY ?? 4);
type Plan = "free" | "standard" | "pro" | "premier";
// Of every ten users: four free, three standard, two pro, one premier.
const PLANS: Plan[] = ["free", "free", "free", "free", "standard", "standard", "standard", "pro", "pro", "premier"];

const database = await benchDatabase();
const mediaDir = mkdtempSync(path.join(tmpdir(), "reelsmith-bench-media-"));
process.env.MEDIA_DIR = mediaDir;

const { db } = await import("../lib/db/client");
const { grantCredits } = await import("../lib/credits/ledger");
const { generationRequestSchema } = await import("../lib/validation/generation");
const { stopQueue } = await import("../lib/queue/boss");

const users: { id: string; email: string; name: null; plan: Plan }[] = [];
for (let i = 0; i < USERS; i++) {
  const plan = PLANS[i % PLANS.length]!;
  const user = await db().user.create({ data: { email: `bench-${randomUUID()}@example.test`, plan } });
  await grantCredits({ userId: user.id, source: "promo", amount: 1_000_000, expiresAt: new Date("2099-01-01"), externalRef: `bench-${user.id}` });
  users.push({ id: user.id, email: user.email, name: null, plan });
}
const request = generationRequestSchema.parse({ kind: "text_to_video", prompt: "a bench of fixed-time clouds" });

/** Runs `count` operations with 8 in flight. */
async function inParallel(count: number, op: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => { while (next < count) await op(next++); }));
}

function startWorkerProcess(prefix: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    env: { ...process.env, QUEUE_PREFIX: prefix, BENCH_FIXED_ENGINE_MS: String(ENGINE_MS), WORKER_CONCURRENCY: String(SLOTS), DATABASE_POOL_SIZE: "6" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`a worker exited with ${code} before it was ready`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("worker ready")) resolve(child);
    });
  });
}

async function connections(): Promise<number> {
  const [row] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`;
  return row!.n;
}

type Round = { workers: number; jobsPerSecond: number; p95: { [P in Plan]: number }; worstFree: number; maxConnections: number };

async function round(workers: number): Promise<Round> {
  const prefix = `bench_${workers}w_${Date.now()}_`;
  process.env.QUEUE_PREFIX = prefix;
  await stopQueue();
  const { submitGeneration } = await import("../lib/generations/submit");
  const ids: string[] = [];
  // Job j of every user before job j+1 of any: a backlog as many users build it at once.
  await inParallel(USERS * JOBS_PER_USER, async (i) => {
    const { generations } = await submitGeneration(users[i % USERS]!, request);
    ids.push(generations[0]!.id);
  });
  await stopQueue();
  const children = await Promise.all(Array.from({ length: workers }, () => startWorkerProcess(prefix)));
  const started = new Date();
  let maxConnections = 0;
  for (;;) {
    maxConnections = Math.max(maxConnections, await connections());
    const active = await db().generation.count({ where: { id: { in: ids }, status: { in: ["queued", "running"] } } });
    if (active === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));

  const jobs = await db().generation.findMany({ where: { id: { in: ids } }, select: { status: true, createdAt: true, startedAt: true, finishedAt: true, user: { select: { plan: true } } } });
  const failed = jobs.filter((j) => j.status !== "succeeded").length;
  if (failed) console.log(`  ${failed} jobs did not succeed`);
  const last = Math.max(...jobs.map((j) => j.finishedAt!.getTime()));
  const waits = (plan: Plan) => jobs.filter((j) => j.user.plan === plan).map((j) => (j.startedAt!.getTime() - Math.max(j.createdAt.getTime(), started.getTime())) / 1000);
  const p95 = Object.fromEntries((["premier", "pro", "standard", "free"] as const).map((plan) => [plan, percentile(waits(plan), 95)])) as Record<Plan, number>;
  return { workers, jobsPerSecond: jobs.length / ((last - started.getTime()) / 1000), p95, worstFree: Math.max(...waits("free")), maxConnections };
}

try {
  const results: Round[] = [];
  for (const workers of ROUNDS) {
    const r = await round(workers);
    results.push(r);
    const efficiency = r.jobsPerSecond / (workers * results[0]!.jobsPerSecond);
    console.log(
      `${workers} worker(s) × ${SLOTS} slots: ${r.jobsPerSecond.toFixed(1)} jobs/s, efficiency ${(efficiency * 100).toFixed(0)}%; ` +
        `p95 wait premier ${r.p95.premier.toFixed(1)} s, pro ${r.p95.pro.toFixed(1)} s, standard ${r.p95.standard.toFixed(1)} s, free ${r.p95.free.toFixed(1)} s; ` +
        `worst free ${r.worstFree.toFixed(1)} s; ≤ ${r.maxConnections} DB connections`,
    );
  }
  const best = results.at(-1)!;
  const efficiency = best.jobsPerSecond / (best.workers * results[0]!.jobsPerSecond);
  console.log(
    `scale: ${best.jobsPerSecond.toFixed(1)} jobs/s (goal: throughput grows with workers — ${best.workers} workers at ${(efficiency * 100).toFixed(0)}% of ${best.workers}× one; ` +
      `${USERS} users × ${JOBS_PER_USER} jobs of ${ENGINE_MS} ms; premier p95 wait ${best.p95.premier.toFixed(1)} s < free ${best.p95.free.toFixed(1)} s)`,
  );
} finally {
  await stopQueue();
  await db().$disconnect();
  await database.stop();
  rmSync(mediaDir, { recursive: true, force: true });
}

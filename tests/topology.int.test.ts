import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CEILING } from "@/tests/support/ceilings";
import { startS3Server } from "@/tests/support/s3-server";
import { startSeparatePostgres } from "@/tests/support/separate-postgres";
import { authedRequest } from "@/tests/support/session";
import { until } from "@/tests/support/wait";

/**
 * The production topology: the web tier with WORKER_MODE=separate (its route handlers, here in
 * the test's process, which starts no worker), two `npm run worker` processes, S3 storage
 * (s3rver) and a PostgreSQL server started apart from the app. 20 jobs; one worker is killed
 * with SIGKILL mid-render; every job still finishes, each charged once.
 */

const JOBS = 20;
// Above the 10 s heartbeat, so a live worker's job is never taken from it; the test sweeps itself.
const STALE_SECONDS = "15";

let stopServices = async () => {};
const workers: ChildProcess[] = [];

beforeAll(async () => {
  const [postgres, s3] = await Promise.all([startSeparatePostgres(), startS3Server()]);
  stopServices = async () => {
    await s3.stop();
    await postgres.stop();
  };
  // Set before any module reads them: this process is the web tier of this deployment.
  Object.assign(process.env, {
    DATABASE_URL: postgres.url,
    WORKER_MODE: "separate",
    STORAGE_DRIVER: "s3",
    S3_ENDPOINT: s3.config.endpoint,
    S3_REGION: s3.config.region,
    S3_BUCKET: s3.config.bucket,
    S3_ACCESS_KEY_ID: s3.config.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey,
    JOB_STALE_AFTER_SECONDS: STALE_SECONDS,
    LOCAL_RENDER_QUALITY: "preview",
    WORKER_CONCURRENCY: "2",
  });
  const { applyPendingMigrations } = await import("@/lib/db/migrations");
  await applyPendingMigrations(postgres.url);
}, CEILING.render);

afterAll(async () => {
  // The workers first: nothing may outlive the test, whatever failed.
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) process.kill(-w.pid!, "SIGKILL");
  const { stopQueue } = await import("@/lib/queue/boss");
  const { db } = await import("@/lib/db/client");
  await stopQueue();
  await db().$disconnect();
  await stopServices();
}, CEILING.state);

/** Starts `npm run worker` (its own process group, so SIGKILL takes its ffmpeg too) and waits until it is ready. */
function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/worker.ts"], {
    env: process.env,
    detached: true,
    stdio: ["ignore", "pipe", "ignore"],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the worker exited (${code}) before it was ready`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("worker ready")) resolve(child);
    });
  });
}

describe("the production topology", () => {
  it("finishes all 20 jobs, each charged once, when one of two workers is killed mid-render", async () => {
    const { db } = await import("@/lib/db/client");
    const { grantCredits } = await import("@/lib/credits/ledger");
    const { sweepStuckGenerations } = await import("@/lib/generations/sweeper");
    const { storage } = await import("@/lib/storage");
    const { POST } = await import("@/app/api/generations/route");

    const user = await db().user.create({ data: { email: `topology-${Date.now()}@example.test`, plan: "premier" } });
    await grantCredits({ userId: user.id, source: "promo", amount: 10_000, expiresAt: new Date("2099-01-01"), externalRef: `topology-${user.id}` });
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) {
      const body = JSON.stringify({ kind: "text_to_video", prompt: `lantern number ${i + 1} drifting` });
      const response = await POST(await authedRequest("/api/generations", user.id, { method: "POST", body, headers: { "content-type": "application/json" } }));
      expect(response.status).toBe(201);
      ids.push(...((await response.json()) as { generations: { id: string }[] }).generations.map((g) => g.id));
    }
    expect(ids).toHaveLength(JOBS);

    // Both workers take jobs; once more jobs run than one worker holds (2 slots each), both are
    // rendering, and the first is killed.
    const [first] = await Promise.all([startWorkerProcess(), startWorkerProcess()]);
    await until("both workers to be rendering", async () => (await db().generation.count({ where: { id: { in: ids }, status: "running" } })) >= 3);
    process.kill(-first!.pid!, "SIGKILL");

    // The killed worker's jobs go back to the queue once their heartbeats are stale (the sweep every worker runs each minute, done here at once).
    await until(
      "every job to end",
      async () => {
        await sweepStuckGenerations();
        return (await db().generation.count({ where: { id: { in: ids }, status: { in: ["queued", "running"] } } })) === 0;
      },
      CEILING.suite,
    );

    const jobs = await db().generation.findMany({ where: { id: { in: ids } }, include: { outputVideo: true } });
    expect(jobs.map((j) => j.status)).toEqual(Array(JOBS).fill("succeeded"));
    // The killed worker's renders were started again by the other.
    expect(jobs.filter((j) => j.attempts >= 2).length).toBeGreaterThanOrEqual(1);
    // One spend each (a spend that spans two grants is two ledger lines of one operation).
    const spends = await db().creditEntry.groupBy({ by: ["generationId", "ref"], where: { generationId: { in: ids }, reason: "spend" }, _sum: { amount: true } });
    expect(spends).toHaveLength(JOBS);
    for (const spend of spends) expect(spend._sum.amount).toBe(-jobs.find((j) => j.id === spend.generationId)!.cost);
    expect(await db().creditEntry.count({ where: { generationId: { in: ids }, reason: "refund" } })).toBe(0);
    // The videos are in the S3 bucket.
    const video = jobs[0]!.outputVideo!;
    expect(await storage().size(video.storageKey)).toBe(video.size);
  }, CEILING.suite);
});

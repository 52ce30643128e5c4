import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CEILING } from "@/tests/support/ceilings";
import { FakeKling } from "@/tests/support/fake-kling";
import { userWithCredits, waitForEnd } from "@/tests/support/generations";
import { atRenderQuality } from "@/tests/support/render-quality";
import { until } from "@/tests/support/wait";
import { killWorkerProcess, startWorkerProcess, type WorkerProcess } from "@/tests/support/worker-process";
import { db } from "../db/client";
import { endWithoutVideo } from "../generations/transitions";
import { submitGeneration } from "../generations/submit";
import { generationRequestSchema, type GenerationRequestInput } from "../validation/generation";
import { startWorker, stopWorker } from "./start";

// Real worker processes and real signals: SIGTERM hands running jobs to another worker at once.

let fake: FakeKling;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await FakeKling.start();
  // Standard mode renders on (a fake) Kling, professional on the local engine.
  Object.assign(process.env, {
    ENGINE_STANDARD: "kling:kling-v1",
    ENGINE_PROFESSIONAL: "local",
    KLING_API_BASE_URL: fake.url,
    KLING_ACCESS_KEY: fake.accessKey,
    KLING_SECRET_KEY: fake.secretKey,
    KLING_POLL_INTERVAL_MS: "100",
    KLING_RETRY_BASE_MS: "100",
  });
});

afterAll(async () => {
  await stopWorker();
  await fake.close();
  process.env = saved;
});

async function submit(input: GenerationRequestInput): Promise<string> {
  const { generations } = await submitGeneration(await userWithCredits("standard"), generationRequestSchema.parse(input));
  return generations[0]!.id;
}

const row = (id: string) => db().generation.findUniqueOrThrow({ where: { id } });

describe("a worker process stopped with SIGTERM", () => {
  it("hands its local render and its Kling job back at once; another worker takes both, resuming the Kling task", async () => {
    let first: WorkerProcess | undefined;
    let second: WorkerProcess | undefined;
    try {
      first = await startWorkerProcess({ WORKER_SHUTDOWN_GRACE_SECONDS: "0" });
      fake.script = { hold: true };
      // A full-size 10 s render: long enough to be stopped mid-way.
      const local = await submit({ kind: "text_to_video", prompt: "rain on a tin roof", mode: "professional", duration: 10 });
      const remote = await submit({ kind: "text_to_video", prompt: "a kite over dunes", mode: "standard" });
      await until("the local render to be under way", async () => (await row(local)).progress >= 1);
      const task = await until("the Kling task to be recorded", async () => (await row(remote)).providerTaskId);

      second = await startWorkerProcess({ WORKER_SHUTDOWN_GRACE_SECONDS: "0" });
      const signalled = Date.now();
      first.signal("SIGTERM");
      const takenOver = async (id: string) => {
        await until(`generation ${id} to be taken over`, async () => {
          const g = await row(id);
          return g.status === "running" && g.attempts === 2;
        });
        return Date.now() - signalled;
      };
      const [localMs, remoteMs] = await Promise.all([takenOver(local), takenOver(remote)]);
      expect(await first.exited).toBe(0);
      console.info(`SIGTERM → another worker running the job: local render ${localMs} ms, Kling job ${remoteMs} ms`);
      // "At once": well inside the stale timeout (JOB_STALE_AFTER_SECONDS, 60 s) the sweeper would need.
      expect(Math.max(localMs, remoteMs)).toBeLessThan(15_000);
      const drained = first.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === "worker drained");
      expect(drained).toMatchObject({ handedBack: 2, finished: 0 });

      // The second worker follows the same Kling task: nothing was submitted twice.
      expect((await row(remote)).providerTaskId).toBe(task);
      expect(fake.createRequests(remote)).toHaveLength(1);
      fake.release(task);
      expect(await waitForEnd(remote)).toMatchObject({ status: "succeeded", attempts: 2 });
      expect(await db().creditEntry.count({ where: { ref: remote, reason: "spend" } })).toBe(1);

      // The local render is not rendered again in full here: cancelled (and refunded) on the second worker.
      expect(await endWithoutVideo(local, { status: "canceled" })).toBeGreaterThan(0);
      second.signal("SIGTERM");
      expect(await second.exited).toBe(0);
    } finally {
      killWorkerProcess(first);
      killWorkerProcess(second);
    }
  }, CEILING.suite);
});

describe("a worker stopping with a grace period", () => {
  it("lets a running local render finish before it lets go of the queue", async () => {
    await atRenderQuality("preview", async () => {
      await startWorker({ schedules: false });
      const id = await submit({ kind: "text_to_video", prompt: "a paper boat in a gutter", mode: "professional" });
      await until("the render to start", async () => (await row(id)).status === "running");
      await stopWorker({ graceMs: CEILING.render });
      expect(await row(id)).toMatchObject({ status: "succeeded", attempts: 1 });
    });
  }, CEILING.render);

  it("claims nothing once it is stopping, and leaves the job queued for another worker", async () => {
    await atRenderQuality("preview", async () => {
      await startWorker({ schedules: false });
      await stopWorker({ graceMs: 0 });
      const id = await submit({ kind: "text_to_video", prompt: "a lantern on a pier", mode: "professional" });
      expect(await row(id)).toMatchObject({ status: "queued", attempts: 0 });
      await startWorker({ schedules: false });
      expect(await waitForEnd(id)).toMatchObject({ status: "succeeded", attempts: 1 });
    });
  }, CEILING.render);
});

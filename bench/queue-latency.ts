// queued → running latency with an idle worker: submit one job at a time to a warm in-process
// worker, read the two timestamps the job table records, cancel the render, repeat.
import { randomUUID } from "node:crypto";

export async function measureQueueLatency(samples: number): Promise<number[]> {
  const { db } = await import("../lib/db/client");
  const { grantCredits } = await import("../lib/credits/ledger");
  const { submitGeneration } = await import("../lib/generations/submit");
  const { cancelGeneration } = await import("../lib/generations/cancel");
  const { generationRequestSchema } = await import("../lib/validation/generation");
  const { startWorker, stopWorker } = await import("../lib/worker/start");

  const user = await db().user.create({ data: { email: `bench-${randomUUID()}@example.test`, plan: "premier" } });
  await grantCredits({ userId: user.id, source: "promo", amount: 100_000, expiresAt: new Date("2099-01-01"), externalRef: `bench-${user.id}` });
  await startWorker({ schedules: false });
  const request = generationRequestSchema.parse({ kind: "text_to_video", prompt: "a slow bench of clouds" });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const { generations } = await submitGeneration({ id: user.id, email: user.email, name: null, plan: "premier" }, request);
      const id = generations[0]!.id;
      let g = await db().generation.findUniqueOrThrow({ where: { id } });
      while (!g.startedAt) {
        await new Promise((r) => setTimeout(r, 20));
        g = await db().generation.findUniqueOrThrow({ where: { id } });
      }
      latencies.push(g.startedAt.getTime() - g.createdAt.getTime());
      await cancelGeneration(user.id, id);
      // Let the worker notice the cancel and go idle again before the next sample.
      await new Promise((r) => setTimeout(r, 1500));
    }
  } finally {
    await stopWorker();
  }
  return latencies;
}

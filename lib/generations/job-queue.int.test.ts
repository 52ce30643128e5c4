import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "../db/sql";
import { Prisma } from "../db/generated/client";
import { QUEUES, queue, stopQueue } from "../queue/boss";
import { enqueueGeneration, GENERATION_JOB_OPTIONS } from "./job-queue";
import { prioritySql } from "./schedule";

afterAll(() => stopQueue());

type JobRow = Record<string, unknown> & { id: string; created_on: Date; start_after: Date; keep_until: Date };

async function jobOf(generationId: string): Promise<JobRow> {
  const [row] = await sql().$queryRaw<JobRow[]>`SELECT * FROM pgboss.job WHERE data->>'generationId' = ${generationId}`;
  return row!;
}

/** A job row without what differs between any two sends (its id, payload and times), and its retention as an interval. */
function comparable({ id, data, created_on, start_after, keep_until, ...rest }: JobRow) {
  return { ...rest, retainedMs: keep_until.getTime() - start_after.getTime(), startsAfterMs: Math.round((start_after.getTime() - created_on.getTime()) / 1000) * 1000 };
}

describe("a generation's pg-boss job, written by our SQL", () => {
  it("is the row pg-boss's own send writes for the same queue, options and priority", async () => {
    const boss = await queue();
    for (const [provider, name] of [["local", QUEUES.generation], ["kling", QUEUES.remoteGeneration]] as const) {
      const order = new Date(Date.now() + 15_000);
      const [{ priority }] = await sql().$queryRaw<[{ priority: number }]>`SELECT ${prioritySql(Prisma.sql`${order}::timestamp`)} AS priority`;
      const sent = randomUUID();
      const ours = randomUUID();
      await boss.send(name, { generationId: sent }, { ...GENERATION_JOB_OPTIONS, priority });
      await enqueueGeneration({ id: ours, provider, queueOrder: order });
      const [a, b] = [await jobOf(sent), await jobOf(ours)];
      expect(b.data).toEqual({ generationId: ours });
      expect(comparable(b)).toEqual(comparable(a));
      expect(b.name).toBe(name);
    }
  });

  it("waits startAfterSeconds before it can be fetched, as send's startAfter does", async () => {
    const boss = await queue();
    const sent = randomUUID();
    const ours = randomUUID();
    const order = new Date();
    const [{ priority }] = await sql().$queryRaw<[{ priority: number }]>`SELECT ${prioritySql(Prisma.sql`${order}::timestamp`)} AS priority`;
    await boss.send(QUEUES.generation, { generationId: sent }, { ...GENERATION_JOB_OPTIONS, priority, startAfter: 30 });
    await enqueueGeneration({ id: ours, provider: "local", queueOrder: order }, { startAfterSeconds: 30 });
    expect(comparable(await jobOf(ours))).toEqual(comparable(await jobOf(sent)));
    expect(comparable(await jobOf(ours)).startsAfterMs).toBe(30_000);
  });
});

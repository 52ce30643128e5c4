import { afterAll, describe, expect, it } from "vitest";
import { storeTestMedia } from "@/tests/support/generations";
import { createTestUser } from "@/tests/support/users";
import { grantCredits } from "../credits/ledger";
import { loadPricingConfig, type PlanId, type PricingConfig } from "../credits/config";
import { db } from "../db/client";
import { QUEUES, queue, stopQueue } from "../queue/boss";
import { generationRequestSchema } from "../validation/generation";
import { Prisma } from "../db/generated/client";
import { sql } from "../db/sql";
import { enqueueGeneration } from "./job-queue";
import { prioritySql, queueOrderSql } from "./schedule";
import { submitGeneration } from "./submit";
import { claimGeneration, completeGeneration } from "./transitions";

afterAll(() => stopQueue());

const request = (count = 1) => generationRequestSchema.parse({ kind: "text_to_video", prompt: "paper boats on a canal", count });

async function payingUser(plan: PlanId) {
  const user = await createTestUser(plan);
  await grantCredits({ userId: user.id, source: "promo", amount: 5000, expiresAt: new Date("2099-01-01"), externalRef: `p-${user.id}` });
  return { id: user.id, email: user.email, name: null, plan };
}

/** Submits for `user` at `now` and labels the jobs `label#1`, `label#2`…; returns the labels by generation id. */
async function submitAt(labels: Map<string, string>, user: Awaited<ReturnType<typeof payingUser>>, label: string, now: Date, count = 1) {
  const { generations } = await submitGeneration(user, request(count), { now });
  generations.forEach((g, i) => labels.set(g.id, count > 1 ? `${label}#${i + 1}` : label));
  return generations;
}

/** Takes every job off the local queue, in the order pg-boss hands them to workers. */
async function drainOrder(labels: Map<string, string>): Promise<string[]> {
  const boss = await queue();
  const order: string[] = [];
  for (;;) {
    const [job] = await boss.fetch<{ generationId: string }>(QUEUES.generation);
    if (!job) return order;
    await boss.complete(QUEUES.generation, job.id);
    const label = labels.get(job.data.generationId);
    if (label) order.push(label);
  }
}

const config = loadPricingConfig().queue;
const t0 = new Date("2026-06-01T12:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** The orders of a request's k = 1…count jobs, after the user's `last` waiting order, as the submit statement computes them. */
async function ordersOf(plan: PlanId, now: Date, last: Date | null, count = 1, queue: PricingConfig["queue"] = config): Promise<Date[]> {
  const rows = await sql().$queryRaw<{ order: Date }[]>`
    SELECT ${queueOrderSql(plan, now, Prisma.sql`${last}::timestamp`, Prisma.sql`k`, queue)} AS "order" FROM generate_series(1, ${count}) AS k ORDER BY k`;
  return rows.map((r) => r.order);
}

const priorityOf = async (order: Date) => (await sql().$queryRaw<{ p: number }[]>`SELECT ${prioritySql(Prisma.sql`${order}::timestamp`)} AS p`)[0]!.p;

describe("queue order rule", () => {
  it("gives each plan its head start: Premier, then Pro, Standard, Free", async () => {
    const orders = await Promise.all((["premier", "pro", "standard", "free"] as const).map(async (plan) => (await ordersOf(plan, t0, null))[0]));
    expect(orders).toEqual([at(0), at(15), at(45), at(120)]);
  });

  it("spaces one user's waiting jobs fairShareSeconds apart, so another user's first job goes ahead of the backlog", async () => {
    const backlog = await ordersOf("premier", t0, null, 5);
    expect(backlog).toEqual([at(0), at(10), at(20), at(30), at(40)]);
    // A later request of the same user queues after the backlog, whether its head start or the backlog is later.
    expect(await ordersOf("premier", at(5), at(40), 2)).toEqual([at(50), at(60)]);
    expect(await ordersOf("premier", at(100), at(40), 2)).toEqual([at(100), at(110)]);
    const [other] = await ordersOf("premier", at(1), null);
    expect(backlog.filter((o) => o < other!)).toHaveLength(1);
  });

  it("is starvation-free: a free job is overtaken only by jobs submitted before its order", async () => {
    const [free] = await ordersOf("free", t0, null);
    expect((await ordersOf("premier", at(119), null))[0]! < free!).toBe(true);
    expect((await ordersOf("premier", at(121), null))[0]! > free!).toBe(true);
  });

  it("follows the pricing file, to the millisecond", async () => {
    const custom = { planDelaySeconds: { free: 0, standard: 0, pro: 0, premier: 30 }, fairShareSeconds: 1 };
    expect(await ordersOf("premier", t0, null, 1, custom)).toEqual([at(30)]);
    expect(await ordersOf("free", t0, at(5), 1, custom)).toEqual([at(6)]);
    expect(await ordersOf("free", new Date(t0.getTime() + 7), null, 1, custom)).toEqual([new Date(t0.getTime() + 7)]);
  });

  it("gives pg-boss a priority that fetches earlier orders first, at one-second resolution, within int4", async () => {
    expect(await priorityOf(at(0))).toBeGreaterThan(await priorityOf(at(1)));
    expect(await priorityOf(at(0))).toBe(await priorityOf(new Date(t0.getTime() + 999)));
    expect(await priorityOf(new Date("2200-01-01"))).toBeGreaterThanOrEqual(-2_147_483_647);
    expect(await priorityOf(new Date("1990-01-01"))).toBeLessThanOrEqual(2_147_483_647);
  });
});

describe("job order", () => {
  it("starts jobs by plan, and one user's backlog does not hold up another user's first job", async () => {
    const labels = new Map<string, string>();
    const now = new Date();
    await submitAt(labels, await payingUser("free"), "free", now);
    await submitAt(labels, await payingUser("standard"), "standard", now);
    await submitAt(labels, await payingUser("premier"), "hog", now, 4);
    await submitAt(labels, await payingUser("pro"), "pro", now);
    await submitAt(labels, await payingUser("premier"), "premier", now);
    // Orders: hog 0/10/20/30 s, premier 0, pro 15, standard 45, free 120.
    expect(await drainOrder(labels)).toEqual(["hog#1", "premier", "hog#2", "pro", "hog#3", "hog#4", "standard", "free"]);
  });

  it("bounds a free job's wait: premier jobs submitted after its head start never overtake it", async () => {
    const labels = new Map<string, string>();
    const t = new Date();
    const later = (s: number) => new Date(t.getTime() + s * 1000);
    await submitAt(labels, await payingUser("free"), "free", t);
    // Steady premier load: a new premier user's job every 40 s or so from t on.
    for (const s of [40, 80, 119, 122, 160, 200]) await submitAt(labels, await payingUser("premier"), `p${s}`, later(s));
    expect(await drainOrder(labels)).toEqual(["p40", "p80", "p119", "free", "p122", "p160", "p200"]);
  });

  it("runs each job once, in queue order, when several workers race for them, and charges each once", async () => {
    const labels = new Map<string, string>();
    const now = new Date();
    const users = await Promise.all((["standard", "pro", "premier", "premier"] as const).map((plan) => payingUser(plan)));
    const ids: string[] = [];
    for (const [i, user] of users.entries()) ids.push(...(await submitAt(labels, user, `u${i}`, now, 4)).map((g) => g.id));
    const expected = await db().generation.findMany({ where: { id: { in: ids } }, orderBy: [{ queueOrder: "asc" }, { createdAt: "asc" }], select: { id: true } });
    const video = await storeTestMedia(users[0]!.id, "video", "a tiny clip");
    const poster = await storeTestMedia(users[0]!.id, "poster", "a tiny poster");

    const boss = await queue();
    const claimed: string[] = [];
    const consumer = async () => {
      for (;;) {
        const [job] = await boss.fetch<{ generationId: string }>(QUEUES.generation);
        if (!job) return;
        const claim = await claimGeneration(job.data.generationId);
        if (claim.kind === "wait") await enqueueGeneration({ id: job.data.generationId, provider: claim.provider, queueOrder: claim.queueOrder });
        if (claim.kind === "claimed") {
          claimed.push(claim.generation.id);
          const output = { outputVideoId: video.id, thumbnailId: poster.id, width: 64, height: 36, fps: 24, outputDurationMs: 250, outputSize: 1 };
          expect(await completeGeneration(claim.generation.id, claim.generation.attempts, output)).toBe(true);
        }
        await boss.complete(QUEUES.generation, job.id);
      }
    };
    await Promise.all([consumer(), consumer(), consumer(), consumer()]);

    expect([...claimed].sort()).toEqual([...ids].sort());
    // Four consumers at once: each job starts within four places of its queue order.
    for (const [place, id] of claimed.entries()) expect(Math.abs(expected.findIndex((g) => g.id === id) - place)).toBeLessThan(4);
    // One spend each (a spend that spans two grants is two ledger lines of one operation).
    const spends = await db().creditEntry.groupBy({ by: ["generationId", "ref"], where: { generationId: { in: ids }, reason: "spend" }, _sum: { amount: true } });
    expect(spends).toHaveLength(ids.length);
    expect(spends.every((s) => s._sum.amount === -10)).toBe(true);
    expect(await db().creditEntry.count({ where: { generationId: { in: ids }, reason: "refund" } })).toBe(0);
    expect(await db().generation.count({ where: { id: { in: ids }, status: "succeeded", attempts: 1 } })).toBe(ids.length);
  });
});

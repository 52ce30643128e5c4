import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { CEILING } from "@/tests/support/ceilings";
import { POST } from "@/app/api/generations/route";
import { authedRequest } from "@/tests/support/session";
import { createTestUser } from "@/tests/support/users";
import { creditBalance, grantCredits } from "../credits/ledger";
import { db, dbPool } from "../db/client";
import { QUEUES, stopQueue } from "../queue/boss";
import { onGenerationQueued, publishQueued, subscribeToGenerations } from "../queue/notifications";

afterAll(() => stopQueue());

const t2v = { kind: "text_to_video", prompt: "a red kite over green dunes", duration: 5 };

async function submit(userId: string, body: unknown, key?: string) {
  const request = await authedRequest("/api/generations", userId, {
    method: "POST",
    body: JSON.stringify(body),
    headers: key ? { "idempotency-key": key } : {},
  });
  const response = await POST(request);
  return { status: response.status, body: await response.json() };
}

async function queuedJobs(ids: string[]): Promise<number> {
  const rows = await db().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${QUEUES.generation} AND data->>'generationId' = ANY(${ids}::text[])`;
  return rows[0]!.n;
}

async function richUser(plan: "free" | "standard" = "free", credits = 1000) {
  const user = await createTestUser(plan);
  await grantCredits({ userId: user.id, source: "promo", amount: credits, expiresAt: new Date("2099-01-01"), externalRef: `promo-${user.id}` });
  return user;
}

describe("POST /api/generations", () => {
  it("creates N queued generations, charges each once, and enqueues N jobs in the same transaction", async () => {
    const user = await richUser();
    const { status, body } = await submit(user.id, { ...t2v, count: 3, duration: 10 });
    expect(status).toBe(201);
    expect(body.price).toMatchObject({ perGeneration: 20, total: 60 });
    expect(body.generations).toHaveLength(3);
    expect(body.generations.map((g: { status: string }) => g.status)).toEqual(["queued", "queued", "queued"]);
    const ids = body.generations.map((g: { id: string }) => g.id);
    // balance = 1000 promo + today's 66 bonus (granted on the first request) − 60
    expect(await creditBalance(user.id)).toBe(1006);
    const spends = await db().creditEntry.findMany({ where: { userId: user.id, reason: "spend" } });
    expect(spends.map((e) => e.generationId).sort()).toEqual([...ids].sort());
    expect(await queuedJobs(ids)).toBe(3);
    const seeds = new Set(body.generations.map((g: { seed: number }) => g.seed));
    expect(seeds.size).toBe(3);
  });

  it("charges each of N generations as its own operation, drawing the soonest-expiring credits first across grants", async () => {
    const user = await richUser();
    // 4 × 20 credits against today's 66 bonus (expires first) and the 1000 promo: the fourth draws 6 + 14.
    const { status, body } = await submit(user.id, { ...t2v, count: 4, duration: 10 });
    expect(status).toBe(201);
    const ids: string[] = body.generations.map((g: { id: string }) => g.id);
    const grants = await db().creditGrant.findMany({ where: { userId: user.id }, orderBy: { expiresAt: "asc" } });
    expect(grants.map((g) => [g.source, g.remaining])).toEqual([["daily_bonus", 0], ["promo", 986]]);
    const spends = await db().creditEntry.findMany({ where: { userId: user.id, reason: "spend" } });
    const bySource = (id: string) =>
      spends.filter((e) => e.generationId === id).map((e) => [grants.find((g) => g.id === e.grantId)!.source, e.amount, e.ref]).sort();
    expect(ids.map(bySource)).toEqual([
      [["daily_bonus", -20, ids[0]]],
      [["daily_bonus", -20, ids[1]]],
      [["daily_bonus", -20, ids[2]]],
      [["daily_bonus", -6, ids[3]], ["promo", -14, ids[3]]],
    ]);
    const ledger = await db().creditEntry.aggregate({ where: { userId: user.id }, _sum: { amount: true } });
    expect(ledger._sum.amount).toBe(await creditBalance(user.id));
  });

  it("refuses a request the balance covers only in part: no generation, no spend, no job", async () => {
    const user = await richUser("free", 10);
    // 66 bonus + 10 = 76 credits; 4 × 20 = 80.
    const { status, body } = await submit(user.id, { ...t2v, count: 4, duration: 10 });
    expect(status).toBe(402);
    expect(body.error.message).toContain("your balance is 76");
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().creditEntry.count({ where: { userId: user.id, reason: "spend" } })).toBe(0);
    expect(await creditBalance(user.id)).toBe(76);
    const jobs = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${QUEUES.generation} AND NOT EXISTS (SELECT 1 FROM "Generation" g WHERE g.id = data->>'generationId')`;
    expect(jobs[0]!.n).toBe(0);
  });

  it("tells idle workers of each queued job once it is committed, and the owner's streams that it changed", async () => {
    const user = await richUser();
    const heard = { queued: new Set<string>(), changed: new Set<string>() };
    const stops = [await onGenerationQueued((id) => heard.queued.add(id)), await subscribeToGenerations(user.id, (id) => heard.changed.add(id))];
    onTestFinished(() => stops.forEach((stop) => stop()));
    const { body } = await submit(user.id, { ...t2v, count: 2 });
    const ids: string[] = body.generations.map((g: { id: string }) => g.id);
    await vi.waitFor(() => expect([[...heard.queued].filter((id) => ids.includes(id)).sort(), [...heard.changed].sort()]).toEqual([[...ids].sort(), [...ids].sort()]), { timeout: CEILING.state });
  });

  it("publishes the queued jobs of concurrent submits together: every job heard, one query for those made while one was in flight", async () => {
    const heard = new Set<string>();
    const stop = await onGenerationQueued((id) => heard.add(id));
    onTestFinished(stop);
    const generations = Array.from({ length: 12 }, () => ({ id: randomUUID(), userId: randomUUID() }));
    const queries = vi.spyOn(dbPool(), "query");
    onTestFinished(() => queries.mockRestore());
    await Promise.all(generations.map((g) => publishQueued([g])));
    // The first goes out alone (or with the rest, when an earlier publication is still in flight); the
    // eleven published while it was in flight go out in one query.
    expect(queries.mock.calls.length).toBeLessThanOrEqual(2);
    await vi.waitFor(() => expect([...heard].filter((id) => generations.some((g) => g.id === id))).toHaveLength(generations.length), { timeout: CEILING.state });
  });

  it("settles a publication whose query fails or throws, and still sends the ones after it", async () => {
    const heard = new Set<string>();
    const stop = await onGenerationQueued((id) => heard.add(id));
    onTestFinished(stop);
    const queries = vi.spyOn(dbPool(), "query");
    onTestFinished(() => queries.mockRestore());
    queries.mockImplementationOnce(() => Promise.reject(new Error("connection lost")) as never);
    await publishQueued([{ id: randomUUID(), userId: randomUUID() }]);
    queries.mockImplementationOnce(() => {
      throw new Error("no pool");
    });
    await publishQueued([{ id: randomUUID(), userId: randomUUID() }]);
    const after = { id: randomUUID(), userId: randomUUID() };
    await publishQueued([after]);
    await vi.waitFor(() => expect(heard.has(after.id)).toBe(true), { timeout: CEILING.state });
  });

  it("lets concurrent submits of one user spend exactly what the balance covers, never more", async () => {
    const user = await richUser("free", 134); // + today's 66 bonus = 200 credits: ten 20-credit submits
    const results = await Promise.all(Array.from({ length: 16 }, () => submit(user.id, { ...t2v, duration: 10 })));
    expect(results.map((r) => r.status).sort()).toEqual([...Array(10).fill(201), ...Array(6).fill(402)]);
    expect(await creditBalance(user.id)).toBe(0);
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(10);
    const ledger = await db().creditEntry.aggregate({ where: { userId: user.id }, _sum: { amount: true } });
    expect(ledger._sum.amount).toBe(0);
  });

  it("answers a retried submit with the same jobs and no second charge", async () => {
    const user = await richUser();
    const key = randomUUID();
    const first = await submit(user.id, t2v, key);
    const again = await submit(user.id, t2v, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.batchId).toBe(first.body.batchId);
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(1);
    expect(await creditBalance(user.id)).toBe(1056);

    const different = await submit(user.id, { ...t2v, prompt: "something else" }, key);
    expect(different.status).toBe(409);
    expect(different.body.error.message).toMatch(/already used for a different request/);
  });

  it("charges once when the same key arrives many times at once", async () => {
    const user = await richUser();
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 6 }, () => submit(user.id, { ...t2v, count: 2 }, key)));
    expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.batchId)).size).toBe(1);
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(2);
    expect(await creditBalance(user.id)).toBe(1046);
  });

  it("refuses what it cannot pay for, and leaves no rows, jobs or charges", async () => {
    const user = await createTestUser(); // only today's 66
    const { status, body } = await submit(user.id, { ...t2v, count: 4, duration: 10 });
    expect(status).toBe(402);
    expect(body.error.message).toBe("This needs 80 credits and your balance is 66. Buy credits or choose a cheaper setting.");
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().creditEntry.count({ where: { userId: user.id, reason: "spend" } })).toBe(0);
  });

  it("keeps professional mode from the free plan", async () => {
    const user = await richUser("free");
    const { status, body } = await submit(user.id, { ...t2v, mode: "professional" });
    expect(status).toBe(403);
    expect(body.error.fields.mode).toMatch(/Upgrade to Standard/);
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(0);
  });

  it("blocks a prompt the content policy forbids, naming the policy, before any charge", async () => {
    const user = await richUser();
    const { status, body } = await submit(user.id, { ...t2v, prompt: "a beheading in the town square" });
    expect(status).toBe(422);
    expect(body.error.message).toBe('Your prompt was blocked by the content policy "graphic violence". Rephrase it and try again.');
    expect(await creditBalance(user.id)).toBe(1066);
  });

  it("sees through zero-width and fullwidth disguises, and stores an allowed prompt exactly as written", async () => {
    const user = await richUser();
    for (const prompt of ["a be\u200Bheading in the square", "ｇｏｒｅ on the walls"]) {
      const { status, body } = await submit(user.id, { ...t2v, prompt });
      expect({ status, message: body.error.message }).toEqual({ status: 422, message: 'Your prompt was blocked by the content policy "graphic violence". Rephrase it and try again.' });
    }
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(0);
    const written = "a ｒｅｄ kite\u200B over dunes";
    const { status, body } = await submit(user.id, { ...t2v, prompt: written });
    expect(status).toBe(201);
    const stored = await db().generation.findUniqueOrThrow({ where: { id: body.generations[0].id } });
    expect(stored.prompt).toBe(written);
  });

  it("refuses another user's image, unknown fields and out-of-range values with specific messages", async () => {
    const [owner, thief] = [await richUser(), await richUser()];
    const image = await db().asset.create({
      data: { userId: owner.id, kind: "image", mime: "image/png", size: 10, width: 640, height: 360, checksum: randomUUID(), storageKey: `test/${randomUUID()}.png` },
    });
    const stolen = await submit(thief.id, { kind: "image_to_video", startImageId: image.id });
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.fields.startImageId).toBe("No such image for the start frame: upload it again.");

    const cases: [unknown, RegExp][] = [
      [{ ...t2v, cfgScale: 1.5 }, /Creativity ↔ relevance goes from 0 to 1/],
      [{ ...t2v, count: 5 }, /Generate 1 to 4 videos/],
      [{ ...t2v, duration: 16 }, /Length must be a whole number of seconds from 3 to 15/],
      [{ ...t2v, cameraControl: { type: "axis", axis: "zoom", value: 11 } }, /Camera values go from -10 to 10/],
      [{ ...t2v, prompt: "x".repeat(2501) }, /limited to 2500 characters/],
      [{ ...t2v, model: "kling-v2" }, /^The request body has an unknown field \(model\): remove it\.$/],
    ];
    for (const [body, message] of cases) {
      const response = await submit(thief.id, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(response.body.error.message).toMatch(message);
    }
    expect(await db().generation.count({ where: { userId: thief.id } })).toBe(0);
  });

  it("routes each mode to its configured engine and model, and refuses what that model cannot do before any charge", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { ENGINE_STANDARD: "kling:kling-v2-6", KLING_API_KEY: "test-key" });
    try {
      const user = await richUser("standard");
      const refused = await submit(user.id, { ...t2v, cameraControl: { type: "master", shot: "down_back" } });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields.cameraControl).toBe(
        "The kling engine (kling-v2-6) cannot move the camera in standard mode at 5 s. Set the camera to Automatic, or describe the move in the prompt.",
      );
      const audio = await submit(user.id, { ...t2v, audio: true });
      expect(audio.body.error.fields.audio).toMatch(/cannot add audio in standard mode/);
      expect(await db().generation.count({ where: { userId: user.id } })).toBe(0);
      expect(await db().creditEntry.count({ where: { userId: user.id, reason: "spend" } })).toBe(0);

      const accepted = await submit(user.id, t2v);
      const professional = await submit(user.id, { ...t2v, mode: "professional", cameraControl: { type: "master", shot: "down_back" } });
      expect([accepted.status, professional.status]).toEqual([201, 201]);
      const rows = await db().generation.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
      expect(rows.map((g) => [g.provider, (g.params as { engineModel: string | null }).engineModel])).toEqual([
        ["kling", "kling-v2-6"],
        ["local", null],
      ]);
    } finally {
      process.env = saved;
    }
  });
});

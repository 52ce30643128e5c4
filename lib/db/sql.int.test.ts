import { describe, expect, it, onTestFinished } from "vitest";
import { createGeneration, userWithCredits } from "@/tests/support/generations";
import { createTestUser } from "@/tests/support/users";
import { creditBalance } from "../credits/ledger";
import { listGenerations } from "../generations/queries";
import { submitGeneration } from "../generations/submit";
import { generationRequestSchema } from "../validation/generation";
import { db } from "./client";
import { Prisma } from "./generated/client";
import { isUniqueViolation, preparedQuery, sql, sqlTransaction } from "./sql";

describe("plain SQL beside Prisma", () => {
  it("writes and reads timestamps as Prisma does, whatever the process's and the session's time zone", async () => {
    const user = await createTestUser();
    const at = new Date("2026-03-29T01:30:00.123Z");
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York"; // pg's own defaults would read and write local time here
    onTestFinished(() => void (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));
    const read = await sqlTransaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL TIME ZONE 'Asia/Kolkata'`;
      await tx.$executeRaw`UPDATE "User" SET "lastSeenAt" = ${at} WHERE id = ${user.id}`;
      const [row] = await tx.$queryRaw<{ createdAt: Date; lastSeenAt: Date }[]>`SELECT "createdAt", "lastSeenAt" FROM "User" WHERE id = ${user.id}`;
      return row!;
    });
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.lastSeenAt).toEqual(at);
    expect(read.lastSeenAt).toEqual(at);
    expect(read.createdAt).toEqual(stored.createdAt);
  });

  it("commits a transaction when its work returns and rolls all of it back when it throws", async () => {
    const user = await createTestUser();
    await expect(
      sqlTransaction(async (tx) => {
        await tx.$executeRaw`UPDATE "User" SET name = 'first' WHERE id = ${user.id}`;
        await tx.$executeRaw`UPDATE "User" SET plan = 'pro' WHERE id = ${user.id}`;
        throw new Error("refused halfway");
      }),
    ).rejects.toThrow("refused halfway");
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ name: null, plan: "free" });

    await sqlTransaction((tx) => tx.$executeRaw`UPDATE "User" SET name = 'second' WHERE id = ${user.id}`);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("second");
  });

  it("survives the server dropping a connection, mid-transaction or idle in the pool", async () => {
    const user = await createTestUser();
    const dropped = sqlTransaction(async (tx) => {
      await tx.$executeRaw`UPDATE "User" SET name = 'lost' WHERE id = ${user.id}`;
      await sql().$executeRaw`SELECT pg_terminate_backend(${(await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!.pid}::int)`;
      await tx.$queryRaw`SELECT 1`;
    });
    await expect(dropped).rejects.toThrow();
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).name).toBeNull();

    // Idle connections the server ends are replaced; nothing is thrown at the process.
    await sql().$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                             WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle' AND application_name <> 'reelsmith-events'`;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sql().$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    await sqlTransaction((tx) => tx.$executeRaw`UPDATE "User" SET name = 'kept' WHERE id = ${user.id}`);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("kept");
  });

  it("tells a unique violation from other errors", async () => {
    const user = await createTestUser();
    const duplicate = await sql().$executeRaw`INSERT INTO "User" (id, email, "updatedAt") VALUES ('dup-' || md5(random()::text), ${user.email}, now())`.catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const other = await sql().$executeRaw`SELECT 1 / 0`.catch((e: unknown) => e);
    expect(isUniqueViolation(other)).toBe(false);
    const byPrisma = await db().user.create({ data: { email: user.email } }).catch((e: unknown) => e);
    expect(isUniqueViolation(byPrisma)).toBe(true);
  });

  it("a submit the unique index refuses (an external task id taken meanwhile) is recognised as such and charges nothing", async () => {
    const user = await userWithCredits("standard");
    const request = generationRequestSchema.parse({ kind: "text_to_video", prompt: "twice", duration: 5 });
    await submitGeneration(user, request, { externalTaskId: "taken" });
    const balance = await creditBalance(user.id);
    const refused = await submitGeneration(user, request, { externalTaskId: "taken" }).catch((e: unknown) => e);
    expect(isUniqueViolation(refused)).toBe(true);
    expect(await creditBalance(user.id)).toBe(balance);
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(1);
  });

  it("gives generation rows exactly as Prisma's model reads them: submitted, listed, with every kind of column set", async () => {
    const user = await userWithCredits("standard");
    const request = generationRequestSchema.parse({
      kind: "text_to_video",
      prompt: "a lighthouse in fog",
      duration: 5,
      cameraControl: { type: "axis", axis: "zoom", value: 4 },
      cfgScale: 0.35,
    });
    const { generations } = await submitGeneration(user, request, { idempotencyKey: "rows-1" });
    const submitted = generations[0]!;
    expect(submitted).toEqual(await db().generation.findUniqueOrThrow({ where: { id: submitted.id } }));

    const finished = await createGeneration(user.id, { providerUnits: new Prisma.Decimal("1.250"), fps: 23.976, width: 1280, height: 720, finishedAt: new Date() });
    const { items } = await listGenerations(user.id);
    const models = await db().generation.findMany({ where: { userId: user.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(items).toEqual(models);
    expect(items.find((g) => g.id === finished.id)!.providerUnits!.toString()).toBe("1.25");
  });

  it("runs a prepared statement once parsed per connection, and it outlives a column added to its table", async () => {
    const table = Prisma.raw(`"prepared_${Date.now()}"`);
    await sql().$executeRaw`CREATE TABLE ${table} (id int PRIMARY KEY, label text)`;
    onTestFinished(() => sql().$executeRaw`DROP TABLE IF EXISTS ${table}`.then(() => undefined));
    await sql().$executeRaw`INSERT INTO ${table} VALUES (1, 'one')`;
    const read = () => preparedQuery<{ id: number; label: string }[]>(sql(), Prisma.sql`SELECT id, label FROM ${table} WHERE id = ${1}`);
    // Every pooled connection prepares it (more than the pool's size of runs at once).
    expect(await Promise.all(Array.from({ length: 24 }, read))).toEqual(Array.from({ length: 24 }, () => [{ id: 1, label: "one" }]));
    const [prepared] = await sqlTransaction(async (tx) => {
      await preparedQuery(tx, Prisma.sql`SELECT id, label FROM ${table} WHERE id = ${1}`);
      return tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE ${`%${table.text}%`}`;
    });
    expect(prepared!.n).toBe(1);
    // A deploy's migration adds a column: statements that name their columns keep working.
    await sql().$executeRaw`ALTER TABLE ${table} ADD COLUMN extra int`;
    expect(await Promise.all(Array.from({ length: 24 }, read))).toEqual(Array.from({ length: 24 }, () => [{ id: 1, label: "one" }]));
    // A column it returns changes type under it: the stale statement is not used again.
    await sql().$executeRaw`ALTER TABLE ${table} ALTER COLUMN id TYPE bigint`;
    expect(await Promise.all(Array.from({ length: 24 }, read))).toEqual(Array.from({ length: 24 }, () => [{ id: "1", label: "one" }]));
    // Switched off (a pooler that does not keep prepared statements), nothing is prepared.
    process.env.DATABASE_PREPARED_STATEMENTS = "off";
    onTestFinished(() => void delete process.env.DATABASE_PREPARED_STATEMENTS);
    const unprepared = await sqlTransaction(async (tx) => {
      await preparedQuery(tx, Prisma.sql`SELECT label FROM ${table} WHERE id = ${1}`);
      return tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE ${`%SELECT label FROM ${table.text}%`}`;
    });
    expect(unprepared[0]!.n).toBe(0);
    // In a Prisma transaction it runs as that transaction's raw query.
    expect(await db().$transaction((tx) => preparedQuery(tx, Prisma.sql`SELECT id, label FROM ${table} WHERE id = ${1}`))).toEqual([{ id: 1n, label: "one" }]);
  });
});

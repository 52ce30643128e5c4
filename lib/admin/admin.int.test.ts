import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as adjustRoute } from "@/app/api/admin/users/[id]/credits/route";
import { POST as suspensionRoute } from "@/app/api/admin/users/[id]/suspension/route";
import { DELETE as sessionsRoute } from "@/app/api/admin/users/[id]/sessions/route";
import { POST as cancelRoute } from "@/app/api/admin/jobs/[id]/cancel/route";
import { POST as retryRoute } from "@/app/api/admin/jobs/[id]/retry/route";
import { GET as exportRoute } from "@/app/api/admin/ledger-export/route";
import { GET as meRoute } from "@/app/api/me/route";
import { GET as listTasks } from "@/app/v1/videos/text2video/route";
import { apiCaller, callApi } from "@/tests/support/api";
import { uniqueEmail, GOOD_PASSWORD } from "@/tests/support/factories";
import { authedRequest, sessionCookie } from "@/tests/support/session";
import { createTestUser, ledgerTotals } from "@/tests/support/users";
import { until } from "@/tests/support/wait";
import { checkCredentials, createUserWithPassword, findSessionUser, SUSPENDED } from "../auth/users";
import { creditBalance, grantCredits } from "../credits/ledger";
import { db } from "../db/client";
import { submitGeneration } from "../generations/submit";
import { claimGeneration, endWithoutVideo } from "../generations/transitions";
import { stopQueue } from "../queue/boss";
import { generationRequestSchema } from "../validation/generation";
import { ledgerCsvStream } from "./ledger-csv";
import { isAdmin } from "./roles";

const ADMIN_EMAIL = uniqueEmail("admin");
let admin: { id: string; email: string };

beforeAll(async () => {
  process.env.ADMIN_EMAILS = `someone-else@example.test, ${ADMIN_EMAIL.toUpperCase()}`;
  admin = await db().user.create({ data: { email: ADMIN_EMAIL, emailVerified: new Date() } });
});
afterAll(() => stopQueue());

const t2v = generationRequestSchema.parse({ kind: "text_to_video", prompt: "a lighthouse in fog", duration: 5 }); // 10 credits

/** A user holding `credits` (no daily bonus: the domain is called directly, not through a session). */
async function userWith(credits: number) {
  const user = await createTestUser();
  if (credits > 0) await grantCredits({ userId: user.id, source: "promo", amount: credits, expiresAt: new Date("2099-01-01"), externalRef: `promo-${user.id}` });
  return { id: user.id, email: user.email, name: null, plan: "free" as const };
}

type Call = { status: number; body: unknown };

async function call(
  route: (req: never, ctx: never) => Promise<Response>,
  method: string,
  url: string,
  as: string | null,
  body?: unknown,
  params: Record<string, string> = {},
): Promise<Call> {
  const req = await authedRequest(url, as, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }) });
  const response = await route(req as never, { params: Promise.resolve(params) } as never);
  const text = await response.text();
  return { status: response.status, body: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text };
}

const adjust = (as: string | null, userId: string, body: unknown) => call(adjustRoute, "POST", `/api/admin/users/${userId}/credits`, as, body, { id: userId });

/** The invariant every admin action keeps: the ledger sums to what the grants hold, which is the balance. */
async function expectLedgerExact(userId: string, balance: number) {
  const totals = await ledgerTotals(userId);
  expect(totals.ledger).toBe(totals.remaining);
  expect(await creditBalance(userId)).toBe(balance);
  expect(totals.remaining).toBe(balance);
}

const auditOf = (targetUserId: string) => db().adminAudit.findMany({ where: { targetUserId }, orderBy: { id: "asc" } });

describe("who is an admin", () => {
  it("a verified address in ADMIN_EMAILS, in any case; an unverified one is not", async () => {
    expect(await isAdmin({ id: admin.id, email: ADMIN_EMAIL, emailVerified: true })).toBe(true);
    expect(await isAdmin({ id: admin.id, email: ADMIN_EMAIL, emailVerified: false })).toBe(false);
    const other = await createTestUser();
    expect(await isAdmin({ id: other.id, email: other.email, emailVerified: true })).toBe(false);
  });

  it("without ADMIN_EMAILS on an embedded install, the first account only; never with a DATABASE_URL", async () => {
    const first = await db().user.findFirstOrThrow({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const later = await createTestUser();
    expect(await isAdmin({ id: first.id, email: first.email, emailVerified: false }, {})).toBe(true);
    expect(await isAdmin({ id: later.id, email: later.email, emailVerified: true }, {})).toBe(false);
    expect(await isAdmin({ id: first.id, email: first.email, emailVerified: true }, { DATABASE_URL: "postgresql://db/x" })).toBe(false);
  });
});

describe("admin routes refuse everyone else with 404 and no data", () => {
  it("signed out, a plain user and an unverified ADMIN_EMAILS address get the same 404, and nothing changes", async () => {
    const target = await userWith(100);
    const job = (await submitGeneration(target, t2v)).generations[0]!;
    const unverified = await db().user.create({ data: { email: `x-${ADMIN_EMAIL}` } });
    process.env.ADMIN_EMAILS += `, x-${ADMIN_EMAIL}`;
    const plain = await createTestUser();
    const callers = [null, plain.id, unverified.id, target.id];
    const attempts = (as: string | null) => [
      adjust(as, target.id, { direction: "grant", amount: 500, reason: "let me in" }),
      adjust(as, target.id, { nonsense: true }),
      call(suspensionRoute, "POST", `/api/admin/users/${target.id}/suspension`, as, { suspended: true, reason: "because" }, { id: target.id }),
      call(sessionsRoute, "DELETE", `/api/admin/users/${target.id}/sessions`, as, { reason: "because" }, { id: target.id }),
      call(cancelRoute, "POST", `/api/admin/jobs/${job.id}/cancel`, as, { reason: "because" }, { id: job.id }),
      call(retryRoute, "POST", `/api/admin/jobs/${job.id}/retry`, as, { charge: "free", reason: "because" }, { id: job.id }),
      call(exportRoute, "GET", "/api/admin/ledger-export?from=2000-01-01&to=2000-01-02", as),
      call(exportRoute, "GET", "/api/admin/ledger-export", as),
    ];
    for (const as of callers) {
      for (const answer of await Promise.all(attempts(as))) {
        expect(answer).toEqual({ status: 404, body: { error: { message: "Not found." } } });
      }
    }
    expect(await auditOf(target.id)).toEqual([]);
    expect((await db().generation.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("queued");
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).suspendedAt).toBeNull();
    // The target's own signed-in requests got them today's login bonus; nothing else moved.
    expect(await db().creditGrant.count({ where: { userId: target.id, source: "admin" } })).toBe(0);
    expect(await db().creditEntry.count({ where: { userId: target.id, reason: "admin_deduct" } })).toBe(0);
    const bonus = await db().creditGrant.aggregate({ where: { userId: target.id, source: "daily_bonus" }, _sum: { amount: true } });
    await expectLedgerExact(target.id, 90 + (bonus._sum.amount ?? 0));
  });
});

describe("granting and deducting credits", () => {
  it("writes a ledger line of its own with the reason, keeps the ledger exact and audits before and after", async () => {
    const user = await userWith(40);
    const granted = await adjust(admin.id, user.id, { direction: "grant", amount: 100, reason: "  Sorry about the outage  " });
    expect(granted).toMatchObject({ status: 200, body: { balanceBefore: 40, balanceAfter: 140 } });
    await expectLedgerExact(user.id, 140);
    const deducted = await adjust(admin.id, user.id, { direction: "deduct", amount: 60, reason: "Granted twice by mistake" });
    expect(deducted).toMatchObject({ status: 200, body: { balanceBefore: 140, balanceAfter: 80 } });
    await expectLedgerExact(user.id, 80);

    const lines = await db().creditEntry.findMany({ where: { userId: user.id, ref: { startsWith: "admin:" } }, include: { grant: true }, orderBy: { id: "asc" } });
    expect(lines.filter((l) => l.reason === "grant").map((l) => [l.amount, l.note, l.grant.source])).toEqual([[100, "Sorry about the outage", "admin"]]);
    const deductions = lines.filter((l) => l.reason === "admin_deduct");
    expect(deductions.reduce((sum, l) => sum + l.amount, 0)).toBe(-60);
    expect(new Set(deductions.map((l) => l.note))).toEqual(new Set(["Granted twice by mistake"]));

    const audit = await auditOf(user.id);
    expect(audit.map((a) => [a.action, a.adminId, a.adminEmail, a.reason, a.before, (a.after as { balance: number }).balance])).toEqual([
      ["credits.grant", admin.id, ADMIN_EMAIL, "Sorry about the outage", { balance: 40 }, 140],
      ["credits.deduct", admin.id, ADMIN_EMAIL, "Granted twice by mistake", { balance: 140 }, 80],
    ]);
  });

  it("refuses a deduction below zero, and bad input, with a sentence and no partial state", async () => {
    const user = await userWith(30);
    const over = await adjust(admin.id, user.id, { direction: "deduct", amount: 31, reason: "clawback" });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ error: { message: "The balance is 30 credits: a deduction cannot take it below zero. Deduct at most 30." } });
    for (const body of [
      { direction: "grant", amount: 0, reason: "zero" },
      { direction: "grant", amount: 1.5, reason: "half" },
      { direction: "grant", amount: -5, reason: "negative" },
      { direction: "grant", amount: 1e12, reason: "huge" },
      { direction: "grant", amount: 5, reason: "  " },
      { direction: "grant", amount: 5, reason: "bad\u0000byte" },
      { direction: "steal", amount: 5, reason: "typo" },
      { direction: "grant", amount: "5", reason: "string" },
      { direction: "grant", amount: 5, reason: "ok", extra: 1 },
    ]) {
      const answer = await adjust(admin.id, user.id, body);
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect((answer.body as { error: { message: string } }).error.message).toMatch(/\w/);
    }
    const nobody = await adjust(admin.id, "no-such-user", { direction: "grant", amount: 5, reason: "ghost" });
    expect(nobody).toMatchObject({ status: 404, body: { error: { message: "There is no such user." } } });
    expect(await db().creditGrant.count({ where: { source: "admin", userId: "no-such-user" } })).toBe(0);
    expect(await auditOf(user.id)).toEqual([]);
    await expectLedgerExact(user.id, 30);
  });

  it("racing a user's submits: no negative balance, no lost credit", async () => {
    const user = await userWith(50);
    const submits = Array.from({ length: 8 }, () => submitGeneration(user, t2v).then(() => "ok" as const, (e: Error) => e.message));
    const deducts = Array.from({ length: 4 }, () => adjust(admin.id, user.id, { direction: "deduct", amount: 10, reason: "race" }));
    const grants = Array.from({ length: 3 }, () => adjust(admin.id, user.id, { direction: "grant", amount: 10, reason: "race" }));
    const [s, d, g] = await Promise.all([Promise.all(submits), Promise.all(deducts), Promise.all(grants)]);
    for (const outcome of s) expect(outcome === "ok" || /needs 10 credits/.test(outcome)).toBe(true);
    for (const answer of d) expect([200, 409]).toContain(answer.status);
    expect(g.every((a) => a.status === 200)).toBe(true);
    const submitted = s.filter((o) => o === "ok").length;
    const deducted = d.filter((a) => a.status === 200).length;
    const balance = 50 + 30 - 10 * submitted - 10 * deducted;
    expect(balance).toBeGreaterThanOrEqual(0);
    await expectLedgerExact(user.id, balance);
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(submitted);
    expect(await db().adminAudit.count({ where: { targetUserId: user.id } })).toBe(3 + deducted);
  });
});

describe("suspension", () => {
  it("ends sessions, stops sign-in and submits, cancels and refunds active jobs; unsuspending lets the user sign in again", async () => {
    const person = await createUserWithPassword({ email: uniqueEmail("suspend"), password: GOOD_PASSWORD, name: "" });
    await grantCredits({ userId: person.id, source: "promo", amount: 100, expiresAt: new Date("2099-01-01"), externalRef: `promo-${person.id}` });
    const [queued, running] = (await submitGeneration(person, { ...t2v, count: 2 })).generations;
    expect((await claimGeneration(running!.id)).kind).toBe("claimed");
    const done = (await submitGeneration(person, t2v)).generations[0]!;
    await db().generation.update({ where: { id: done.id }, data: { status: "succeeded" } });
    await expectLedgerExact(person.id, 70);

    const answer = await call(suspensionRoute, "POST", `/api/admin/users/${person.id}/suspension`, admin.id, { suspended: true, reason: "Chargeback fraud" }, { id: person.id });
    expect(answer).toMatchObject({ status: 200, body: { suspended: true, refunded: 20, balanceAfter: 90 } });
    expect(new Set((answer.body as { canceled: string[] }).canceled)).toEqual(new Set([queued!.id, running!.id]));
    const jobs = await db().generation.findMany({ where: { userId: person.id }, orderBy: { createdAt: "asc" } });
    expect(jobs.map((j) => j.status).sort()).toEqual(["canceled", "canceled", "succeeded"]);
    await expectLedgerExact(person.id, 90);

    expect(await findSessionUser(person.id, 0)).toBeNull();
    expect(await findSessionUser(person.id, 1)).toBeNull();
    expect(await checkCredentials({ email: person.email, password: GOOD_PASSWORD })).toEqual({ ok: false, message: SUSPENDED });
    expect((await checkCredentials({ email: person.email, password: "Wrong-password-1!" })).ok).toBe(false);
    await expect(submitGeneration(person, t2v)).rejects.toMatchObject({ code: "suspended", message: SUSPENDED });
    const again = await call(suspensionRoute, "POST", `/api/admin/users/${person.id}/suspension`, admin.id, { suspended: true, reason: "twice" }, { id: person.id });
    expect(again).toMatchObject({ status: 409, body: { error: { message: "This account is already suspended." } } });

    const lifted = await call(suspensionRoute, "POST", `/api/admin/users/${person.id}/suspension`, admin.id, { suspended: false, reason: "Resolved with the bank" }, { id: person.id });
    expect(lifted).toMatchObject({ status: 200, body: { suspended: false } });
    expect((await checkCredentials({ email: person.email, password: GOOD_PASSWORD })).ok).toBe(true);
    expect(await findSessionUser(person.id, 0)).toBeNull(); // the old sessions stay ended
    expect(await findSessionUser(person.id, 1)).not.toBeNull();
    await expectLedgerExact(person.id, 90);

    const audit = await auditOf(person.id);
    expect(audit.map((a) => a.action)).toEqual(["user.suspend", "user.unsuspend"]);
    expect(audit[0]).toMatchObject({ reason: "Chargeback fraud", before: { suspendedAt: null, sessionVersion: 0, balance: 70 }, after: { sessionVersion: 1, balance: 90, refunded: 20 } });
    expect(audit[1]).toMatchObject({ reason: "Resolved with the bank", after: { suspendedAt: null } });
  });

  it("a submit in flight when the suspension starts is either refused or cancelled: nothing is left running or lost", async () => {
    const user = await userWith(100);
    await submitGeneration(user, t2v); // the queue is started, and one job is already active
    const lockWaiters = async () =>
      (await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)[0]!.n;
    let suspension: Promise<Call> | undefined;
    let submitted: Promise<string> | undefined;
    // Hold the user's credit buckets: the submit's statement passes its suspension check (the user's row held shared) and waits here to spend.
    await db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "CreditGrant" WHERE "userId" = ${user.id} FOR UPDATE`;
      submitted = submitGeneration(user, t2v).then(() => "ok", (e: { code?: string }) => e.code ?? String(e));
      await until("the submit to wait on the credit buckets", async () => (await lockWaiters()) >= 1);
      let settled = false;
      suspension = call(suspensionRoute, "POST", `/api/admin/users/${user.id}/suspension`, admin.id, { suspended: true, reason: "race" }, { id: user.id });
      void suspension.finally(() => (settled = true));
      // The suspension must queue behind the submit (it holds the user's row shared), not finish around it.
      await until("the suspension to wait for the submit, or finish", async () => settled || (await lockWaiters()) >= 2);
    });
    expect(await submitted).toBe("ok");
    expect(await suspension).toMatchObject({ status: 200, body: { refunded: 20 } });
    expect(await db().generation.count({ where: { userId: user.id, status: { in: ["queued", "running"] } } })).toBe(0);
    await expectLedgerExact(user.id, 100);
  });

  it("stops the user's API keys too, until the suspension is lifted", async () => {
    const caller = await apiCaller();
    const list = () => callApi(listTasks, { path: "/v1/videos/text2video", authorization: caller.bearer });
    expect((await list()).httpStatus).toBe(200);
    await call(suspensionRoute, "POST", `/api/admin/users/${caller.userId}/suspension`, admin.id, { suspended: true, reason: "Abuse via the API" }, { id: caller.userId });
    expect(await list()).toMatchObject({ httpStatus: 401, code: 1000, message: `Authentication failed: ${SUSPENDED}` });
    await call(suspensionRoute, "POST", `/api/admin/users/${caller.userId}/suspension`, admin.id, { suspended: false, reason: "Sorted" }, { id: caller.userId });
    expect((await list()).httpStatus).toBe(200);
  });
});

describe("ending sessions", () => {
  it("refuses every session issued before, and audits the version change", async () => {
    const user = await createTestUser();
    const before = await meRoute(await authedRequest("/api/me", null, { headers: await sessionCookie(user.id, 0) }));
    expect(before.status).toBe(200);
    expect((await call(sessionsRoute, "DELETE", `/api/admin/users/${user.id}/sessions`, admin.id, { reason: "Lost laptop" }, { id: user.id })).status).toBe(200);
    const after = await meRoute(await authedRequest("/api/me", null, { headers: await sessionCookie(user.id, 0) }));
    expect(after.status).toBe(401);
    expect(await auditOf(user.id)).toMatchObject([{ action: "user.end_sessions", reason: "Lost laptop", before: { sessionVersion: 0 }, after: { sessionVersion: 1 } }]);
  });
});

describe("jobs", () => {
  const cancel = (id: string, reason = "Stuck for an hour") => call(cancelRoute, "POST", `/api/admin/jobs/${id}/cancel`, admin.id, { reason }, { id });
  const retry = (id: string, body: unknown) => call(retryRoute, "POST", `/api/admin/jobs/${id}/retry`, admin.id, body, { id });

  it("cancel refunds once and audits; a finished or unknown job is refused", async () => {
    const user = await userWith(50);
    const job = (await submitGeneration(user, t2v)).generations[0]!;
    await expectLedgerExact(user.id, 40);
    expect(await cancel(job.id)).toEqual({ status: 200, body: { refunded: 10 } });
    await expectLedgerExact(user.id, 50);
    expect(await cancel(job.id)).toMatchObject({ status: 409, body: { error: { message: "This job has already ended (canceled): there is nothing to cancel." } } });
    expect(await cancel("nope")).toMatchObject({ status: 404, body: { error: { message: "There is no such job." } } });
    await expectLedgerExact(user.id, 50);
    expect(await auditOf(user.id)).toMatchObject([{ action: "job.cancel", generationId: job.id, before: { status: "queued" }, after: { status: "canceled", refunded: 10 } }]);
  });

  it("retries a failed job charged to the user (a noted spend) or free (no ledger line); only failed jobs, only with the credits", async () => {
    const user = await userWith(25);
    const [a, b] = (await submitGeneration(user, { ...t2v, count: 2 })).generations;
    await endWithoutVideo(a!.id, { status: "failed", errorCode: "engine_error", error: "The engine crashed." });
    await endWithoutVideo(b!.id, { status: "failed", errorCode: "engine_error", error: "The engine crashed." });
    await expectLedgerExact(user.id, 25);

    const charged = await retry(a!.id, { charge: "user", reason: "Engine fixed" });
    expect(charged).toMatchObject({ status: 201, body: { charged: 10 } });
    const retryId = (charged.body as { retryId: string }).retryId;
    expect(await db().generation.findUniqueOrThrow({ where: { id: retryId } })).toMatchObject({ status: "queued", cost: 10, prompt: a!.prompt, userId: user.id });
    const spend = await db().creditEntry.findMany({ where: { generationId: retryId, reason: "spend" } });
    expect(spend.reduce((s, e) => s + e.amount, 0)).toBe(-10);
    expect(spend[0]!.note).toBe("Retry of a failed job by support: Engine fixed");
    await expectLedgerExact(user.id, 15);

    const free = await retry(b!.id, { charge: "free", reason: "Our fault" });
    expect(free).toMatchObject({ status: 201, body: { charged: 0 } });
    const freeId = (free.body as { retryId: string }).retryId;
    expect((await db().generation.findUniqueOrThrow({ where: { id: freeId } })).cost).toBe(0);
    expect(await db().creditEntry.count({ where: { generationId: freeId } })).toBe(0);
    await expectLedgerExact(user.id, 15);
    // A free retry that fails refunds nothing: nothing was charged.
    expect(await endWithoutVideo(freeId, { status: "failed", error: "again" })).toBe(0);
    await expectLedgerExact(user.id, 15);

    expect(await retry(retryId, { charge: "free", reason: "not failed" })).toMatchObject({ status: 409, body: { error: { message: "Only a failed job can be retried; this one is queued." } } });
    await db().creditGrant.updateMany({ where: { userId: user.id }, data: { remaining: 0 } });
    await db().creditEntry.create({ data: { userId: user.id, grantId: (await db().creditGrant.findFirstOrThrow({ where: { userId: user.id } })).id, amount: -15, reason: "expire", ref: `test-drain-${user.id}` } });
    const broke = await retry(a!.id, { charge: "user", reason: "again" });
    expect(broke).toMatchObject({ status: 409, body: { error: { message: "The retry costs 10 credits and the user has 0: retry it free, or grant credits first." } } });
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(4);
    expect((await auditOf(user.id)).map((x) => [x.action, (x.after as { charged: number }).charged])).toEqual([
      ["job.retry", 10],
      ["job.retry", 0],
    ]);
    await expectLedgerExact(user.id, 0);
  });
});

describe("the ledger export", () => {
  it("streams the range as CSV, escaped and formula-safe; a bad range is refused", async () => {
    const user = await userWith(0);
    const hostile = "=HYPERLINK(\"http://evil.example\",\"click\")";
    expect((await adjust(admin.id, user.id, { direction: "grant", amount: 7, reason: hostile })).status).toBe(200);
    expect((await adjust(admin.id, user.id, { direction: "grant", amount: 8, reason: '-1+1, "quoted"' })).status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const answer = await call(exportRoute, "GET", `/api/admin/ledger-export?from=${today}&to=${today}`, admin.id);
    expect(answer.status).toBe(200);
    const text = answer.body as string;
    expect(text.startsWith("entry_id,created_at,user_id,email,reason,grant_source,amount,ref,generation_id,payment_ref,note\r\n")).toBe(true);
    const mine = text.replace(/\r\n$/, "").split(/\r\n(?=\d)/).filter((line) => line.includes(user.id));
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatch(new RegExp(`,grant,admin,7,admin:[0-9a-f-]+,,,"'=HYPERLINK\\(""http://evil.example"",""click""\\)"$`));
    expect(mine[1]).toContain(`,8,`);
    expect(mine[1]).toMatch(/,"'-1\+1, ""quoted"""$/);

    // Read a line at a time, the stream still yields every line once, in order.
    const oneByOne = await new Response(ledgerCsvStream(new Date(`${today}T00:00:00Z`), new Date(Date.now() + 86_400_000), 1)).text();
    const ids = oneByOne.split("\r\n").slice(1, -1).filter((line) => line.includes(user.id)).map((line) => BigInt(line.split(",")[0]!));
    expect(ids).toHaveLength(2);
    expect(ids[0]! < ids[1]!).toBe(true);
    expect(oneByOne.split("\r\n").filter((line) => line.startsWith("entry_id,"))).toHaveLength(1);

    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await call(exportRoute, "GET", `/api/admin/ledger-export?from=${yesterday}&to=${yesterday}`, admin.id)).body).not.toContain(user.id);
    for (const query of ["from=2026-02-01&to=2026-01-01", "from=2020-01-01&to=2026-01-01", "from=yesterday&to=2026-01-01", ""]) {
      const bad = await call(exportRoute, "GET", `/api/admin/ledger-export?${query}`, admin.id);
      expect(bad.status, query).toBe(422);
      expect((bad.body as { error: { message: string } }).error.message).toMatch(/date|swap|366/);
    }
  });
});

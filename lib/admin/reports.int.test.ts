import { describe, expect, it } from "vitest";
import { createGeneration } from "@/tests/support/generations";
import { createTestUser } from "@/tests/support/users";
import { grantCredits, spendCredits } from "../credits/ledger";
import { STALE_AFTER_MS } from "../generations/transitions";
import { engineReport } from "./engines";
import { listJobs, QUEUED_TOO_LONG_MS } from "./jobs";
import { creditFlows, revenue } from "./money";
import { jobListQuerySchema } from "./schemas";
import { listUsers } from "./users";

// Rows dated in a window of their own, so the reports see only what this file wrote.
const DAY = (d: number, h = 12) => new Date(Date.UTC(2001, 0, d, h));
const since = DAY(1, 0);
const until = DAY(4, 0);

describe("admin reports", () => {
  it("users: search by email, balance, jobs and net spend", async () => {
    const user = await createTestUser();
    await grantCredits({ userId: user.id, source: "promo", amount: 100, expiresAt: new Date("2099-01-01"), externalRef: `p-${user.id}` });
    const job = await createGeneration(user.id, { cost: 30 });
    await spendCredits(user.id, 30, job.id, { generationId: job.id });
    const found = await listUsers({ q: user.email.slice(0, 12).toUpperCase(), page: 1 });
    expect(found.rows.find((r) => r.id === user.id)).toMatchObject({ email: user.email, plan: "free", balance: 70, jobs: 1, spend: 30 });
    expect((await listUsers({ q: "%", page: 1 })).rows.some((r) => r.id === user.id)).toBe(false); // % is literal
  });

  it("jobs: filters, and the stuck ones first", async () => {
    const user = await createTestUser();
    const now = new Date();
    const fresh = await createGeneration(user.id, { status: "queued", createdAt: now });
    const old = await createGeneration(user.id, { status: "queued", createdAt: new Date(now.getTime() - QUEUED_TOO_LONG_MS - 60_000) });
    const silent = await createGeneration(user.id, { status: "running", createdAt: now, heartbeatAt: new Date(now.getTime() - STALE_AFTER_MS - 5_000) });
    const failed = await createGeneration(user.id, { status: "failed", errorCode: "engine_error", error: "ComfyUI ran out of memory", provider: "comfyui" });
    const mine = jobListQuerySchema.parse({ user: user.email });
    const listed = await listJobs(mine, now);
    expect(listed.total).toBe(4);
    expect(listed.rows.slice(0, 2).map((j) => [j.id, j.stuck]).sort()).toEqual([[old.id, "queued_too_long"], [silent.id, "no_heartbeat"]].sort());
    expect(listed.rows.find((j) => j.id === fresh.id)!.stuck).toBeNull();
    expect((await listJobs({ ...mine, status: "failed" }, now)).rows.map((j) => j.id)).toEqual([failed.id]);
    expect((await listJobs({ ...mine, reason: "out of MEMORY" }, now)).rows.map((j) => j.id)).toEqual([failed.id]);
    expect((await listJobs({ ...mine, engine: "comfyui" }, now)).rows.map((j) => j.id)).toEqual([failed.id]);
    expect((await listJobs({ ...mine, olderThanHours: 1 }, now)).total).toBe(0);
    expect(jobListQuerySchema.parse({ status: "bogus", page: "-3", olderThanHours: "x" })).toMatchObject({ status: undefined, page: 1, olderThanHours: undefined });
  });

  it("engines: per day, failures by reason, median and p95 timings, provider units against credits", async () => {
    const user = await createTestUser();
    const base = { userId: user.id, params: { engineModel: "kling-v1-6" }, provider: "kling" };
    for (const [i, wait, render] of [[0, 2, 10], [1, 4, 20], [2, 6, 30]] as const) {
      const created = DAY(2, 10 + i);
      await createGeneration(user.id, {
        ...base,
        status: "succeeded",
        cost: 35,
        providerUnits: "1.5",
        outputDurationMs: 5000,
        createdAt: created,
        startedAt: new Date(created.getTime() + wait * 1000),
        finishedAt: new Date(created.getTime() + (wait + render) * 1000),
      });
    }
    await createGeneration(user.id, { ...base, status: "failed", errorCode: "provider_rejected", cost: 35, refundedAt: DAY(3), createdAt: DAY(3) });
    const report = await engineReport(since, until);
    expect(report.days).toEqual([
      { day: "2001-01-03", provider: "kling", model: "kling-v1-6", jobs: 1, succeeded: 0, failed: 1, secondsRendered: 0 },
      { day: "2001-01-02", provider: "kling", model: "kling-v1-6", jobs: 3, succeeded: 3, failed: 0, secondsRendered: 15 },
    ]);
    expect(report.failures).toEqual([{ provider: "kling", model: "kling-v1-6", reason: "provider_rejected", jobs: 1 }]);
    expect(report.timings).toHaveLength(1);
    expect(report.timings[0]).toMatchObject({ finished: 3, queueWaitMedianS: 4, renderMedianS: 20 });
    expect(report.timings[0]!.queueWaitP95S).toBeCloseTo(5.8);
    expect(report.timings[0]!.renderP95S).toBeCloseTo(29);
    expect(report.margins).toEqual([{ provider: "kling", model: "kling-v1-6", jobs: 4, providerUnits: "4.500", creditsCharged: 140, creditsRefunded: 35 }]);
  });

  it("money: credits per day by kind, and revenue at list prices", async () => {
    const user = await createTestUser();
    await grantCredits({ userId: user.id, source: "purchase", amount: 660, expiresAt: new Date("2099-01-01"), externalRef: `pay-${user.id}`, paymentRef: "pi_1", now: DAY(2) });
    await grantCredits({ userId: user.id, source: "monthly_grant", amount: 3000, expiresAt: new Date("2099-01-01"), externalRef: `inv-${user.id}`, paymentRef: "in_1", now: DAY(2) });
    await grantCredits({ userId: user.id, source: "admin", amount: 5, expiresAt: new Date("2099-01-01"), externalRef: `admin-${user.id}`, note: "sorry", now: DAY(3) });
    await spendCredits(user.id, 100, `spend-${user.id}`, { now: DAY(3) });
    await spendCredits(user.id, 7, `deduct-${user.id}`, { now: DAY(3), reason: "admin_deduct", note: "oops" });
    expect(await creditFlows(since, until)).toEqual([
      { day: "2001-01-03", kind: "admin_deduct", credits: -7, lines: 1 },
      { day: "2001-01-03", kind: "grant:admin", credits: 5, lines: 1 },
      { day: "2001-01-03", kind: "spend", credits: -100, lines: 1 },
      { day: "2001-01-02", kind: "grant:monthly_grant", credits: 3000, lines: 1 },
      { day: "2001-01-02", kind: "grant:purchase", credits: 660, lines: 1 },
    ]);
    expect(await revenue(since, until)).toEqual([
      { day: "2001-01-02", what: "Pro plan period", payments: 1, usd: 37 },
      { day: "2001-01-02", what: "660 credit pack", payments: 1, usd: 10 },
    ]);
  });
});

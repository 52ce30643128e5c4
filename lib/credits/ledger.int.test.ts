import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestUser, ledgerTotals } from "@/tests/support/users";
import { loadPricingConfig } from "./config";
import { ensureDailyBonus } from "./daily-bonus";
import { creditHistory, describeLine } from "./history";
import {
  creditBalance,
  creditBreakdown,
  DuplicateSpendError,
  expireDueGrants,
  grantCredits,
  InsufficientCreditsError,
  refundCredits,
  spendCredits,
} from "./ledger";
import { grantMonthlyCredits, grantPackCredits } from "./purchases";
import { CEILING } from "@/tests/support/ceilings";

const config = loadPricingConfig();
const at = (iso: string) => new Date(iso);
let refs = 0;
const ref = (tag: string) => `${tag}-${Date.now()}-${refs++}`;

describe("spending", () => {
  it("1,000 concurrent spends against a balance that covers 300: exactly 300 succeed, none overdraws", async () => {
    const user = await createTestUser();
    const expiresAt = at("2099-01-01T00:00:00Z");
    await grantCredits({ userId: user.id, source: "promo", amount: 1000, expiresAt, externalRef: ref("g1") });
    await grantCredits({ userId: user.id, source: "purchase", amount: 2000, expiresAt: at("2099-06-01T00:00:00Z"), externalRef: ref("g2") });

    const results = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => spendCredits(user.id, 10, `hot-${user.id}-${i}`)));
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(300);
    expect(refused.every((r) => r.reason instanceof InsufficientCreditsError)).toBe(true);
    expect(await creditBalance(user.id)).toBe(0);
    const totals = await ledgerTotals(user.id);
    expect(totals).toEqual({ ledger: 0, remaining: 0 });
    const spent = await db().creditEntry.aggregate({ where: { userId: user.id, reason: "spend" }, _sum: { amount: true }, _count: true });
    expect(spent._sum.amount).toBe(-3000);
  }, CEILING.render);

  it("draws from the grant that expires first, and splits across grants", async () => {
    const user = await createTestUser();
    const now = at("2030-05-10T12:00:00Z");
    const pack = await grantPackCredits({ userId: user.id, packId: "pack_330", paymentRef: ref("pi"), now });
    const monthly = await grantMonthlyCredits({ userId: user.id, plan: "standard", ref: ref("in"), periodEnd: at("2030-06-01T00:00:00Z"), now });
    expect(await ensureDailyBonus(user.id, "free", now, config)).toBe(true);

    const { draws, balanceAfter } = await spendCredits(user.id, 700, ref("gen"), { now });
    const bucket = async (id: string | null) => db().creditGrant.findUniqueOrThrow({ where: { id: id! } });
    expect(draws.map((d) => d.amount)).toEqual([66, 634]); // daily bonus (ends today), then the monthly grant
    expect(draws[1]!.grantId).toBe(monthly.grantId);
    expect((await bucket(monthly.grantId)).remaining).toBe(26);
    expect((await bucket(pack.grantId)).remaining).toBe(330);
    expect(balanceAfter).toBe(356);
    expect(await creditBalance(user.id, now)).toBe(356);
  });

  it("refuses a short balance with the numbers, and changes nothing", async () => {
    const user = await createTestUser();
    await grantCredits({ userId: user.id, source: "promo", amount: 30, expiresAt: at("2099-01-01T00:00:00Z"), externalRef: ref("g") });
    const error = await spendCredits(user.id, 35, ref("gen")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientCreditsError);
    expect((error as Error).message).toBe("This needs 35 credits and your balance is 30. Buy credits or choose a cheaper setting.");
    expect(await creditBalance(user.id)).toBe(30);
    expect(await db().creditEntry.count({ where: { userId: user.id, reason: "spend" } })).toBe(0);
  });

  it("never spends the same reference twice", async () => {
    const user = await createTestUser();
    await grantCredits({ userId: user.id, source: "promo", amount: 100, expiresAt: at("2099-01-01T00:00:00Z"), externalRef: ref("g") });
    const r = ref("gen");
    await spendCredits(user.id, 10, r);
    await expect(spendCredits(user.id, 10, r)).rejects.toBeInstanceOf(DuplicateSpendError);
    expect(await creditBalance(user.id)).toBe(90);
  });
});

describe("grants", () => {
  it("50 concurrent first visits of the day grant one daily bonus", async () => {
    const user = await createTestUser();
    const now = at("2031-01-05T09:00:00Z");
    const results = await Promise.all(Array.from({ length: 50 }, () => ensureDailyBonus(user.id, "free", now, config)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db().creditGrant.count({ where: { userId: user.id, source: "daily_bonus" } })).toBe(1);
    expect(await creditBalance(user.id, now)).toBe(66);
  });

  it("are idempotent by their payment reference", async () => {
    const user = await createTestUser();
    const paymentRef = ref("pi");
    const first = await grantPackCredits({ userId: user.id, packId: "pack_3500", paymentRef });
    const again = await Promise.all([1, 2, 3].map(() => grantPackCredits({ userId: user.id, packId: "pack_3500", paymentRef })));
    expect(first.granted).toBe(true);
    expect(again.every((g) => !g.granted)).toBe(true);
    expect(await creditBalance(user.id)).toBe(3500);
    expect(await ledgerTotals(user.id)).toEqual({ ledger: 3500, remaining: 3500 });
  });
});

describe("refunds", () => {
  it("return a spend exactly once, even when asked twice at the same time", async () => {
    const user = await createTestUser();
    await grantCredits({ userId: user.id, source: "promo", amount: 100, expiresAt: at("2099-01-01T00:00:00Z"), externalRef: ref("g") });
    const r = ref("gen");
    await spendCredits(user.id, 40, r);
    const returned = await Promise.all([refundCredits(r), refundCredits(r)]);
    expect(returned.sort()).toEqual([0, 40]);
    expect(await refundCredits(r)).toBe(0);
    expect(await creditBalance(user.id)).toBe(100);
    expect(await db().creditEntry.count({ where: { ref: r, reason: "refund" } })).toBe(1);
  });

  it("go back to the grants they came from; an expired one comes back for the grace after its expiry only", async () => {
    const user = await createTestUser();
    const day = at("2032-02-02T23:50:00Z");
    await ensureDailyBonus(user.id, "free", day, config); // 66, ends 2032-02-03T00:00Z
    const pack = await grantPackCredits({ userId: user.id, packId: "pack_330", paymentRef: ref("pi"), now: day });
    const r = ref("gen");
    await spendCredits(user.id, 100, r, { now: day }); // 66 from the bonus, 34 from the pack

    // The job fails just after midnight: yesterday's bonus is usable until 01:00, not for another day.
    const later = at("2032-02-03T00:10:00Z");
    expect(await refundCredits(r, { now: later })).toBe(100);
    expect((await db().creditGrant.findUniqueOrThrow({ where: { id: pack.grantId! } })).remaining).toBe(330);
    const revived = await db().creditGrant.findMany({ where: { userId: user.id, source: "refund" } });
    expect(revived).toHaveLength(1);
    expect(revived[0]).toMatchObject({ amount: 66, remaining: 66, expiresAt: at(`2032-02-03T${String(config.refundGraceMinutes / 60).padStart(2, "0")}:00:00Z`) });
    expect(await creditBalance(user.id, later)).toBe(396);

    // Spent again and refunded after the grace: the credits come back and expire at once.
    const again = ref("gen");
    await spendCredits(user.id, 66, again, { now: later });
    const afterGrace = at("2032-02-03T05:00:00Z");
    expect(await refundCredits(again, { now: afterGrace })).toBe(66);
    expect(await creditBalance(user.id, afterGrace)).toBe(330);
    const lines = await db().creditEntry.findMany({ where: { userId: user.id, createdAt: afterGrace }, orderBy: { id: "asc" } });
    expect(lines.map((l) => [l.reason, l.amount])).toEqual([["refund", 66], ["expire", -66]]);
    const totals = await ledgerTotals(user.id);
    expect(totals.ledger).toBe(totals.remaining);
  });

  it("of a reference that spent nothing return nothing", async () => {
    expect(await refundCredits(ref("never-spent"))).toBe(0);
  });
});

describe("expiry", () => {
  it("happens at the day boundary, with an entry that explains the change", async () => {
    const user = await createTestUser();
    const morning = at("2033-07-07T08:00:00Z");
    await ensureDailyBonus(user.id, "free", morning, config);
    await spendCredits(user.id, 16, ref("gen"), { now: morning });

    const justBefore = at("2033-07-07T23:59:59.999Z");
    await expireDueGrants(justBefore);
    expect(await creditBalance(user.id, justBefore)).toBe(50);

    const midnight = at("2033-07-08T00:00:00Z");
    expect(await creditBalance(user.id, midnight)).toBe(0); // not spendable any more, even before the job runs
    expect(await expireDueGrants(midnight)).toBeGreaterThanOrEqual(1);
    expect(await expireDueGrants(midnight)).toBe(0); // nothing left to close
    const entries = await db().creditEntry.findMany({ where: { userId: user.id, reason: "expire" } });
    expect(entries.map((e) => e.amount)).toEqual([-50]);
    expect(await ledgerTotals(user.id)).toEqual({ ledger: 0, remaining: 0 });

    // The next day's first visit brings a fresh bonus; nothing carried over.
    await ensureDailyBonus(user.id, "free", at("2033-07-08T06:00:00Z"), config);
    expect(await creditBalance(user.id, at("2033-07-08T06:00:00Z"))).toBe(66);
  });

  it("runs safely from several workers at once", async () => {
    const user = await createTestUser();
    const past = at("2020-01-01T00:00:00Z");
    for (let i = 0; i < 30; i++) {
      await grantCredits({ userId: user.id, source: "promo", amount: 5, expiresAt: at("2021-01-01T00:00:00Z"), externalRef: ref("old"), now: past });
    }
    const now = at("2021-06-01T00:00:00Z");
    await Promise.all([expireDueGrants(now, 7), expireDueGrants(now, 7), expireDueGrants(now, 7)]);
    expect(await db().creditEntry.count({ where: { userId: user.id, reason: "expire" } })).toBe(30);
    expect(await ledgerTotals(user.id)).toEqual({ ledger: 0, remaining: 0 });
  });
});

describe("breakdown and history", () => {
  it("show buckets by expiry and one history line per operation, newest first", async () => {
    const user = await createTestUser();
    const now = at("2034-03-03T12:00:00Z");
    await ensureDailyBonus(user.id, "free", now, config);
    const pack = ref("pi");
    await grantPackCredits({ userId: user.id, packId: "pack_660", paymentRef: pack, now });
    const gen = await db().generation.create({
      data: { userId: user.id, batchId: ref("batch"), kind: "text_to_video", mode: "standard", durationSeconds: 5, aspectRatio: "16:9", params: {}, provider: "local", cost: 100 },
    });
    await spendCredits(user.id, 100, gen.batchId, { now, generationId: gen.id });

    const buckets = await creditBreakdown(user.id, now);
    expect(buckets.map((b) => [b.source, b.remaining])).toEqual([["purchase", 626]]);

    const history = await creditHistory(user.id, 1, 2);
    expect(history.total).toBe(3);
    expect(history.pages).toBe(2);
    expect(history.lines.map((l) => [describeLine(l), l.amount])).toEqual([
      ["Video generation", -100],
      ["Credit pack", 660],
    ]);
    expect(history.lines[0]!.generationId).toBe(gen.id);
    expect(history.lines[1]!.paymentRef).toBe(pack);
    const older = await creditHistory(user.id, 2, 2);
    expect(older.lines.map((l) => [describeLine(l), l.amount])).toEqual([["Daily login bonus", 66]]);
  });
});

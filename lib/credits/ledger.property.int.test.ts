import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTestUser, ledgerTotals } from "@/tests/support/users";
import { db } from "../db/client";
import { pricingConfig } from "./config";
import { creditBalance, expireDueGrants, grantCredits, InsufficientCreditsError, refundCredits, spendCredits } from "./ledger";
import { CEILING } from "@/tests/support/ceilings";

type Op =
  | { kind: "grant"; amount: number; lifeHours: number }
  | { kind: "spend"; amount: number }
  | { kind: "refund"; pick: number }
  | { kind: "advance"; minutes: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("grant" as const), amount: fc.integer({ min: 1, max: 200 }), lifeHours: fc.integer({ min: 1, max: 96 }) }),
  fc.record({ kind: fc.constant("spend" as const), amount: fc.integer({ min: 1, max: 150 }) }),
  fc.record({ kind: fc.constant("refund" as const), pick: fc.nat() }),
  // Steps from minutes (inside a refund's grace) to two days.
  fc.record({ kind: fc.constant("advance" as const), minutes: fc.integer({ min: 5, max: 48 * 60 }) }),
);

const graceMs = pricingConfig().refundGraceMinutes * 60_000;

/**
 * Fails when a credit is spendable at `now` past the expiry of the grant it was first given in
 * plus the refund grace: each refund grant is traced back (externalRef refund:<spend>:<grant>)
 * to the grant the test made.
 */
async function expectNoCreditOutlivesItsGrant(userId: string, now: Date, issued: Map<string, Date>) {
  const grants = await db().creditGrant.findMany({ where: { userId } });
  const byId = new Map(grants.map((g) => [g.id, g]));
  const origin = (id: string): string => {
    const grant = byId.get(id)!;
    return grant.source === "refund" ? origin(grant.externalRef.split(":").at(-1)!) : id;
  };
  for (const g of grants) {
    if (g.remaining === 0 || g.expiredAt || g.expiresAt <= now) continue;
    const first = issued.get(origin(g.id))!;
    expect(g.expiresAt.getTime()).toBeLessThanOrEqual(first.getTime() + graceMs);
  }
}

let run = 0;

describe("the ledger under random histories", () => {
  it("keeps balance == sum(ledger) == sum(remaining), never below zero, and no credit past its grant's expiry + grace", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        const user = await createTestUser();
        let now = new Date("2040-01-01T00:00:00Z");
        const spends: string[] = [];
        const issued = new Map<string, Date>();
        let n = 0;
        const tag = `prop-${run++}-${user.id}`;
        for (const o of ops) {
          if (o.kind === "grant") {
            const expiresAt = new Date(now.getTime() + o.lifeHours * 3600_000);
            const { grantId } = await grantCredits({ userId: user.id, source: "promo", amount: o.amount, expiresAt, externalRef: `${tag}-g${n++}`, now });
            issued.set(grantId!, expiresAt);
          } else if (o.kind === "spend") {
            const ref = `${tag}-s${n++}`;
            try {
              await spendCredits(user.id, o.amount, ref, { now });
              spends.push(ref);
            } catch (error) {
              if (!(error instanceof InsufficientCreditsError)) throw error;
            }
          } else if (o.kind === "refund") {
            if (spends.length) await refundCredits(spends[o.pick % spends.length]!, { now });
          } else {
            now = new Date(now.getTime() + o.minutes * 60_000);
            await expireDueGrants(now);
          }
          const totals = await ledgerTotals(user.id);
          const balance = await creditBalance(user.id, now);
          expect(totals.ledger).toBe(totals.remaining);
          expect(balance).toBeGreaterThanOrEqual(0);
          expect(balance).toBeLessThanOrEqual(totals.remaining);
          await expectNoCreditOutlivesItsGrant(user.id, now, issued);
        }
        await expireDueGrants(now);
        const totals = await ledgerTotals(user.id);
        expect(await creditBalance(user.id, now)).toBe(totals.ledger);
        expect(totals.ledger).toBe(totals.remaining);
      }),
      { numRuns: 40 },
    );
  }, CEILING.render);
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTestUser, ledgerTotals } from "@/tests/support/users";
import { creditBalance, expireDueGrants, grantCredits, InsufficientCreditsError, refundCredits, spendCredits } from "./ledger";
import { CEILING } from "@/tests/support/ceilings";

type Op =
  | { kind: "grant"; amount: number; lifeHours: number }
  | { kind: "spend"; amount: number }
  | { kind: "refund"; pick: number }
  | { kind: "advance"; hours: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("grant" as const), amount: fc.integer({ min: 1, max: 200 }), lifeHours: fc.integer({ min: 1, max: 96 }) }),
  fc.record({ kind: fc.constant("spend" as const), amount: fc.integer({ min: 1, max: 150 }) }),
  fc.record({ kind: fc.constant("refund" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("advance" as const), hours: fc.integer({ min: 1, max: 48 }) }),
);

let run = 0;

describe("the ledger under random histories", () => {
  it("keeps balance == sum(ledger) == sum(remaining), never below zero", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        const user = await createTestUser();
        let now = new Date("2040-01-01T00:00:00Z");
        const spends: string[] = [];
        let n = 0;
        const tag = `prop-${run++}-${user.id}`;
        for (const o of ops) {
          if (o.kind === "grant") {
            await grantCredits({ userId: user.id, source: "promo", amount: o.amount, expiresAt: new Date(now.getTime() + o.lifeHours * 3600_000), externalRef: `${tag}-g${n++}`, now });
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
            now = new Date(now.getTime() + o.hours * 3600_000);
            await expireDueGrants(now);
          }
          const totals = await ledgerTotals(user.id);
          const balance = await creditBalance(user.id, now);
          expect(totals.ledger).toBe(totals.remaining);
          expect(balance).toBeGreaterThanOrEqual(0);
          expect(balance).toBeLessThanOrEqual(totals.remaining);
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

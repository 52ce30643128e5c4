import "server-only";
import { randomUUID } from "node:crypto";
import { addDays } from "../credits/clock";
import { creditBalance, grantCredits, InsufficientCreditsError, spendCredits } from "../credits/ledger";
import { inTransaction, lockUserRow } from "../db/transaction";
import { writeAudit, type AdminActor } from "./audit";
import { AdminRefusal, noSuchUser } from "./errors";
import type { CreditAdjustment } from "./schemas";

/** Credits an admin grants stay spendable this long (like a credit pack's two years). */
export const ADMIN_GRANT_VALID_DAYS = 730;

export type AdjustmentResult = { ref: string; balanceBefore: number; balanceAfter: number };

/**
 * Grants or deducts credits by hand: a new ledger line of its own kind (a `grant` from source `admin`,
 * or an `admin_deduct` drawn like a spend), never an edit of an earlier one, with the reason as the
 * line's note (the user reads it in their history) and the audit line in the same transaction.
 * A deduction takes only what the user can spend now: more than the balance is refused.
 */
export async function adjustCredits(admin: AdminActor, userId: string, input: CreditAdjustment, now: Date = new Date()): Promise<AdjustmentResult> {
  const ref = `admin:${randomUUID()}`;
  return inTransaction(undefined, async (tx) => {
    // The user's row first (as refunds and suspensions do): the before/after balances are exact.
    if (!(await lockUserRow(tx, userId))) throw noSuchUser();
    const balanceBefore = await creditBalance(userId, now, tx);
    if (input.direction === "grant") {
      await grantCredits({ userId, source: "admin", amount: input.amount, expiresAt: addDays(now, ADMIN_GRANT_VALID_DAYS), externalRef: ref, note: input.reason, now }, tx);
    } else {
      try {
        await spendCredits(userId, input.amount, ref, { now, tx, reason: "admin_deduct", note: input.reason });
      } catch (error) {
        if (!(error instanceof InsufficientCreditsError)) throw error;
        throw new AdminRefusal(
          "over_balance",
          `The balance is ${error.balance} credits: a deduction cannot take it below zero. Deduct at most ${error.balance}.`,
          "amount",
        );
      }
    }
    const balanceAfter = balanceBefore + (input.direction === "grant" ? input.amount : -input.amount);
    await writeAudit(tx, admin, {
      action: input.direction === "grant" ? "credits.grant" : "credits.deduct",
      targetUserId: userId,
      reason: input.reason,
      before: { balance: balanceBefore },
      after: { balance: balanceAfter, amount: input.amount, ref },
    });
    return { ref, balanceBefore, balanceAfter };
  });
}

import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db/client";
import { sql, type RawSql } from "../db/sql";
import { inTransaction, lockUserRow, type Tx } from "../db/transaction";
import { pricingConfig } from "./config";

/**
 * The credit ledger. Every change of a balance is a movement in CreditEntry against one
 * CreditGrant (a bucket with an expiry), in the same transaction as the change itself.
 *
 * Concurrency, by row locks rather than serializable retries (a retry loop would need every
 * caller, including the generation submit transaction, to be replayable): a spend locks the
 * grant rows it may draw from, in expiry order, and computes its draws from what it read under
 * those locks, so "check the balance, then draw" cannot race and spends of different users never
 * wait on each other. A refund first locks the user's row, which makes its "already refunded?"
 * check exact. The expiry job only takes grant rows it can lock without waiting (SKIP LOCKED).
 * Grants are locked in one order everywhere. Idempotency comes from unique keys written with
 * ON CONFLICT DO NOTHING (a caught unique violation would abort the surrounding transaction).
 */

export type GrantSource = "daily_bonus" | "monthly_grant" | "purchase" | "promo" | "refund" | "admin";

export class InsufficientCreditsError extends Error {
  constructor(
    readonly needed: number,
    readonly balance: number,
  ) {
    super(`This needs ${needed} credits and your balance is ${balance}. Buy credits or choose a cheaper setting.`);
  }
}

export class DuplicateSpendError extends Error {
  constructor(readonly ref: string) {
    super(`Credits were already spent for ${ref}.`);
  }
}

class UnknownUserError extends Error {}

export type GrantInput = {
  userId: string;
  source: GrantSource;
  amount: number;
  expiresAt: Date;
  /** Unique per grant: the same reference never grants twice. */
  externalRef: string;
  paymentRef?: string;
  note?: string;
  now?: Date;
};

/** Adds a bucket of credits, once per externalRef. */
export async function grantCredits(input: GrantInput, tx?: Tx): Promise<{ granted: boolean; grantId: string | null }> {
  if (!Number.isInteger(input.amount) || input.amount <= 0) return { granted: false, grantId: null };
  const now = input.now ?? new Date();
  return inTransaction(tx, async (t) => {
    const id = randomUUID();
    const inserted = await t.$queryRaw<{ id: string }[]>`
      INSERT INTO "CreditGrant"(id, "userId", source, amount, remaining, "expiresAt", "externalRef", "createdAt")
      VALUES (${id}, ${input.userId}, ${input.source}::"GrantSource", ${input.amount}, ${input.amount}, ${input.expiresAt}, ${input.externalRef}, ${now})
      ON CONFLICT ("externalRef") DO NOTHING
      RETURNING id`;
    if (inserted.length === 0) return { granted: false, grantId: null };
    await t.$executeRaw`
      INSERT INTO "CreditEntry"("userId", "grantId", amount, reason, ref, "paymentRef", note, "createdAt")
      VALUES (${input.userId}, ${id}, ${input.amount}, 'grant', ${input.externalRef}, ${input.paymentRef ?? null}, ${input.note ?? null}, ${now})`;
    return { granted: true, grantId: id };
  });
}

export type SpendResult = { draws: { grantId: string; amount: number }[]; balanceAfter: number };

/**
 * Takes `amount` credits for the operation `ref`, from the grants that expire first (a spend, or an
 * admin's deduction: the same draw, its own ledger reason).
 * Refuses with InsufficientCreditsError (and changes nothing) when the balance is short.
 *
 * One statement: it locks the user's spendable grants (FOR UPDATE, in expiry order), computes
 * the draws from the values it read under those locks, and only then updates and writes the
 * ledger. A concurrent spend of the same user waits on the same rows and re-reads them after
 * the first commits, so two spends can never both draw the same credits; the CHECK on
 * `remaining` backs this up in the database itself.
 */
export async function spendCredits(
  userId: string,
  amount: number,
  ref: string,
  options: { now?: Date; generationId?: string; tx?: RawSql; reason?: "spend" | "admin_deduct"; note?: string } = {},
): Promise<SpendResult> {
  if (!Number.isInteger(amount) || amount <= 0) throw new RangeError(`A spend is a positive whole number of credits, not ${amount}.`);
  const now = options.now ?? new Date();
  const generationId = options.generationId ?? null;
  const reason = options.reason ?? "spend";
  const note = options.note ?? null;
  const run = async (tx: RawSql) => {
    const [result] = await tx.$queryRaw<{ balance: number; used: boolean; draws: { grantId: string; amount: number }[] | null }[]>`
      WITH locked AS (
        SELECT id, remaining, "expiresAt", "createdAt" FROM "CreditGrant"
         WHERE "userId" = ${userId} AND remaining > 0 AND "expiresAt" > ${now} AND "expiredAt" IS NULL
         ORDER BY "expiresAt", "createdAt", id
           FOR UPDATE
      ), state AS (
        SELECT COALESCE(SUM(remaining), 0)::int AS balance,
               EXISTS (SELECT 1 FROM "CreditEntry" WHERE reason = ${reason}::"LedgerReason" AND ref = ${ref}) AS used
          FROM locked
      ), ordered AS (
        SELECT id, remaining, SUM(remaining) OVER (ORDER BY "expiresAt", "createdAt", id) - remaining AS before FROM locked
      ), draws AS (
        SELECT o.id, LEAST(o.remaining, ${amount} - o.before)::int AS take
          FROM ordered o, state
         WHERE o.before < ${amount} AND state.balance >= ${amount} AND NOT state.used
      ), taken AS (
        UPDATE "CreditGrant" g SET remaining = g.remaining - d.take FROM draws d WHERE g.id = d.id
        RETURNING g.id, d.take, g."expiresAt", g."createdAt"
      ), written AS (
        INSERT INTO "CreditEntry"("userId", "grantId", amount, reason, ref, "generationId", note, "createdAt")
        SELECT ${userId}, id, -take, ${reason}::"LedgerReason", ${ref}, ${generationId}, ${note}, ${now} FROM taken
      )
      SELECT state.balance, state.used,
             (SELECT json_agg(json_build_object('grantId', id, 'amount', take) ORDER BY "expiresAt", "createdAt", id) FROM taken) AS draws
        FROM state`;
    if (result!.used) throw new DuplicateSpendError(ref);
    if (result!.balance < amount) throw new InsufficientCreditsError(amount, result!.balance);
    return { draws: result!.draws ?? [], balanceAfter: result!.balance - amount };
  };
  return run(options.tx ?? sql());
}

/**
 * Gives back everything spent for `ref`, exactly once, to the grants it came from, keeping their
 * expiry. A grant that has expired since gets its share back as a new refund grant that ends
 * `graceMinutes` after that grant's own expiry (a refund grant's expiry already includes the
 * grace, so refunding it again adds none): a refund never makes credits live longer than their
 * grant plus the grace. When even that end has passed, the credits come back and expire at once,
 * so the ledger still shows both movements.
 * Returns the credits returned by this call (0 when already refunded or nothing was spent).
 */
export async function refundCredits(ref: string, options: { now?: Date; tx?: Tx; graceMinutes?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const graceMs = (options.graceMinutes ?? pricingConfig().refundGraceMinutes) * 60_000;
  return inTransaction(options.tx, async (tx) => {
    const owner = await tx.$queryRaw<{ userId: string }[]>`
      SELECT "userId" FROM "CreditEntry" WHERE reason = 'spend' AND ref = ${ref} LIMIT 1`;
    if (owner.length === 0) return 0;
    const userId = owner[0]!.userId;
    if (!(await lockUserRow(tx, userId))) throw new UnknownUserError(`No user ${userId}.`);
    const already = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "CreditEntry" WHERE reason = 'refund' AND ref = ${ref}`;
    if (already[0]!.n > 0) return 0;

    const spent = await tx.$queryRaw<
      { grantId: string; amount: number; generationId: string | null; source: GrantSource; expiresAt: Date; live: boolean }[]
    >`
      SELECT e."grantId", -e.amount AS amount, e."generationId", g.source, g."expiresAt",
             (g."expiresAt" > ${now} AND g."expiredAt" IS NULL) AS live
        FROM "CreditEntry" e JOIN "CreditGrant" g ON g.id = e."grantId"
       WHERE e.reason = 'spend' AND e.ref = ${ref}
       ORDER BY g."expiresAt", g.id
         FOR UPDATE OF g`;
    let total = 0;
    for (const s of spent) {
      let grantId = s.grantId;
      let dead = false;
      if (s.live) {
        await tx.$executeRaw`UPDATE "CreditGrant" SET remaining = remaining + ${s.amount} WHERE id = ${s.grantId}`;
      } else {
        grantId = randomUUID();
        const expiresAt = new Date(s.expiresAt.getTime() + (s.source === "refund" ? 0 : graceMs));
        dead = expiresAt <= now;
        await tx.$executeRaw`
          INSERT INTO "CreditGrant"(id, "userId", source, amount, remaining, "expiresAt", "expiredAt", "externalRef", "createdAt")
          VALUES (${grantId}, ${userId}, 'refund', ${s.amount}, ${dead ? 0 : s.amount}, ${expiresAt}, ${dead ? now : null},
                  ${`refund:${ref}:${s.grantId}`}, ${now})`;
      }
      await tx.$executeRaw`
        INSERT INTO "CreditEntry"("userId", "grantId", amount, reason, ref, "generationId", note, "createdAt")
        VALUES (${userId}, ${grantId}, ${s.amount}, 'refund', ${ref}, ${s.generationId}, ${s.live ? null : `returned as a new grant: ${s.source} bucket had expired`}, ${now})`;
      if (dead) {
        await tx.$executeRaw`
          INSERT INTO "CreditEntry"("userId", "grantId", amount, reason, ref, "createdAt")
          VALUES (${userId}, ${grantId}, ${-s.amount}, 'expire', ${`expire:${grantId}`}, ${now})`;
      }
      total += s.amount;
    }
    return total;
  });
}

/**
 * Closes grants whose expiry has passed: what was left leaves the balance with an `expire`
 * entry, so the history explains it. Safe to run from many workers at once. Returns how many
 * grants it closed.
 */
export async function expireDueGrants(now: Date = new Date(), batchSize = 500): Promise<number> {
  let closed = 0;
  for (;;) {
    const rows = await db().$queryRaw<{ id: string }[]>`
      WITH due AS (
        SELECT id, "userId", remaining FROM "CreditGrant"
         WHERE "expiresAt" <= ${now} AND "expiredAt" IS NULL
         ORDER BY "expiresAt"
         LIMIT ${batchSize}
           FOR UPDATE SKIP LOCKED
      ), cleared AS (
        UPDATE "CreditGrant" g SET remaining = 0, "expiredAt" = ${now}
          FROM due WHERE g.id = due.id
        RETURNING g.id, due."userId", due.remaining
      ), written AS (
        INSERT INTO "CreditEntry"("userId", "grantId", amount, reason, ref, "createdAt")
        SELECT "userId", id, -remaining, 'expire', 'expire:' || id, ${now} FROM cleared WHERE remaining > 0
        ON CONFLICT DO NOTHING
      )
      SELECT id FROM cleared`;
    closed += rows.length;
    if (rows.length < batchSize) return closed;
  }
}

/** Credits a user can spend now (read in `tx` when given). */
export async function creditBalance(userId: string, now: Date = new Date(), tx?: RawSql): Promise<number> {
  const rows = await (tx ?? sql()).$queryRaw<{ balance: number }[]>`
    SELECT COALESCE(SUM(remaining), 0)::int AS balance FROM "CreditGrant"
     WHERE "userId" = ${userId} AND remaining > 0 AND "expiresAt" > ${now} AND "expiredAt" IS NULL`;
  return rows[0]!.balance;
}

export type Bucket = { grantId: string; source: GrantSource; amount: number; remaining: number; expiresAt: Date; createdAt: Date };

/** The balance by bucket, soonest to expire first (the order spending draws them). */
export async function creditBreakdown(userId: string, now: Date = new Date()): Promise<Bucket[]> {
  return db().$queryRaw<Bucket[]>`
    SELECT id AS "grantId", source, amount, remaining, "expiresAt", "createdAt" FROM "CreditGrant"
     WHERE "userId" = ${userId} AND remaining > 0 AND "expiresAt" > ${now} AND "expiredAt" IS NULL
     ORDER BY "expiresAt", "createdAt", id`;
}

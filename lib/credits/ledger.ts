import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db/client";
import { Prisma } from "../db/generated/client";
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

type LedgerSpendReason = "spend" | "admin_deduct";

export type SpendCtes = {
  userId: string;
  now: Date;
  reason: LedgerSpendReason;
  note: string | null;
  /**
   * What to charge, in order: a query of rows (k, ref, "generationId", amount), k ordering them. Each
   * charge is its own operation in the ledger (refunded by its ref on its own).
   */
  charges: Prisma.Sql;
  /** Nothing is locked or drawn unless this holds (a submit's own refusals, read under its locks). */
  gate: Prisma.Sql;
};

/**
 * The CTEs of a spend, to open a statement's WITH list: they lock the user's spendable grants (FOR
 * UPDATE, in expiry order), compute the draws from the values read under those locks, and only then
 * update the grants and write the ledger: each charge draws the next `amount` credits of the grants
 * that expire first. They draw nothing when the gate fails, the balance does not cover every charge,
 * or a charge's ref was spent before. A concurrent spend of the same user waits on the same rows and
 * re-reads them after the first commits, so two spends can never both draw the same credits; the CHECK
 * on `remaining` backs this up in the database itself.
 *
 * Defines spend_state (balance, total, used, ok: whether it drew) and spend_draws (id: the grant,
 * ref, take, at: the grant's place in the order).
 */
export function spendCtes({ userId, now, reason, note, charges, gate }: SpendCtes): Prisma.Sql {
  return Prisma.sql`
    spend_charges AS (
      SELECT c.ref, c."generationId", c.amount, SUM(c.amount) OVER (ORDER BY c.k, c.ref ROWS UNBOUNDED PRECEDING) - c.amount AS before
        FROM (${charges}) c
    ), spend_locked AS (
      SELECT id, remaining, "expiresAt", "createdAt" FROM "CreditGrant"
       WHERE "userId" = ${userId} AND remaining > 0 AND "expiresAt" > ${now} AND "expiredAt" IS NULL AND ${gate}
       ORDER BY "expiresAt", "createdAt", id
         FOR UPDATE
    ), spend_sums AS (
      SELECT (SELECT COALESCE(SUM(remaining), 0) FROM spend_locked)::int AS balance,
             (SELECT COALESCE(SUM(amount), 0) FROM spend_charges)::int AS total,
             EXISTS (SELECT 1 FROM "CreditEntry" WHERE reason = ${reason}::"LedgerReason" AND ref IN (SELECT ref FROM spend_charges)) AS used
    ), spend_state AS (
      SELECT balance, total, used, (${gate}) AND balance >= total AND NOT used AS ok FROM spend_sums
    ), spend_ordered AS (
      SELECT id, remaining, SUM(remaining) OVER (ORDER BY "expiresAt", "createdAt", id) - remaining AS before FROM spend_locked
    ), spend_draws AS (
      SELECT o.id, c.ref, c."generationId", o.before AS at,
             (LEAST(o.before + o.remaining, c.before + c.amount) - GREATEST(o.before, c.before))::int AS take
        FROM spend_ordered o, spend_charges c, spend_state s
       WHERE s.ok AND o.before < c.before + c.amount AND c.before < o.before + o.remaining
    ), spend_taken AS (
      UPDATE "CreditGrant" g SET remaining = g.remaining - d.take
        FROM (SELECT id, SUM(take)::int AS take FROM spend_draws GROUP BY id) d WHERE g.id = d.id
    ), spend_written AS (
      INSERT INTO "CreditEntry"("userId", "grantId", amount, reason, ref, "generationId", note, "createdAt")
      SELECT ${userId}, id, -take, ${reason}::"LedgerReason", ref, "generationId", ${note}, ${now} FROM spend_draws
    )`;
}

/**
 * Takes `amount` credits for the operation `ref`, from the grants that expire first (a spend, or an
 * admin's deduction: the same draw, its own ledger reason), in one statement (spendCtes).
 * Refuses with InsufficientCreditsError (and changes nothing) when the balance is short.
 */
export async function spendCredits(
  userId: string,
  amount: number,
  ref: string,
  options: { now?: Date; generationId?: string; tx?: RawSql; reason?: LedgerSpendReason; note?: string } = {},
): Promise<SpendResult> {
  if (!Number.isInteger(amount) || amount <= 0) throw new RangeError(`A spend is a positive whole number of credits, not ${amount}.`);
  const ctes = spendCtes({
    userId,
    now: options.now ?? new Date(),
    reason: options.reason ?? "spend",
    note: options.note ?? null,
    charges: Prisma.sql`SELECT 1 AS k, ${ref}::text AS ref, ${options.generationId ?? null}::text AS "generationId", ${amount}::int AS amount`,
    gate: Prisma.sql`true`,
  });
  const [result] = await (options.tx ?? sql()).$queryRaw<{ balance: number; used: boolean; draws: { grantId: string; amount: number }[] | null }[]>`
    WITH ${ctes}
    SELECT balance, used, (SELECT json_agg(json_build_object('grantId', id, 'amount', take) ORDER BY at) FROM spend_draws) AS draws FROM spend_state`;
  if (result!.used) throw new DuplicateSpendError(ref);
  if (result!.balance < amount) throw new InsufficientCreditsError(amount, result!.balance);
  return { draws: result!.draws ?? [], balanceAfter: result!.balance - amount };
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

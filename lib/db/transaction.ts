import "server-only";
import { db } from "./client";
import type { Prisma } from "./generated/client";

export type Tx = Prisma.TransactionClient;

/** Runs `work` in the caller's transaction, or in a new one. */
export function inTransaction<T>(tx: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (tx) return work(tx);
  return db().$transaction(work, { maxWait: 60_000, timeout: 60_000 });
}

/** Locks the user's row for the rest of the transaction; false when there is no such user. */
export async function lockUserRow(tx: Tx, userId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
  return rows.length > 0;
}

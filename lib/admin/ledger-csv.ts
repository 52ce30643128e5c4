import "server-only";
import { db } from "../db/client";
import { csvRow } from "./csv";

const BATCH = 1000;

const HEADER = ["entry_id", "created_at", "user_id", "email", "reason", "grant_source", "amount", "ref", "generation_id", "payment_ref", "note"];

type Line = {
  id: bigint;
  createdAt: Date;
  userId: string;
  email: string;
  reason: string;
  source: string;
  amount: number;
  ref: string;
  generationId: string | null;
  paymentRef: string | null;
  note: string | null;
};

/**
 * Every ledger line of [since, until) as CSV, in id order, read a batch at a time (keyset on the
 * id) as the client takes it: an export of years of ledger never sits in memory at once.
 */
export function ledgerCsvStream(since: Date, until: Date, batch: number = BATCH): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = BigInt(-1);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvRow(HEADER)));
        return;
      }
      const lines = await db().$queryRaw<Line[]>`
        SELECT e.id, e."createdAt", e."userId", u.email, e.reason::text AS reason, g.source::text AS source, e.amount, e.ref,
               e."generationId", e."paymentRef", e.note
          FROM "CreditEntry" e JOIN "CreditGrant" g ON g.id = e."grantId" JOIN "User" u ON u.id = e."userId"
         WHERE e."createdAt" >= ${since} AND e."createdAt" < ${until} AND e.id > ${after}
         ORDER BY e.id LIMIT ${batch}`;
      if (lines.length === 0) {
        controller.close();
        return;
      }
      after = lines[lines.length - 1]!.id;
      const text = lines
        .map((l) => csvRow([l.id.toString(), l.createdAt, l.userId, l.email, l.reason, l.source, l.amount, l.ref, l.generationId, l.paymentRef, l.note]))
        .join("");
      controller.enqueue(encoder.encode(text));
    },
  });
}

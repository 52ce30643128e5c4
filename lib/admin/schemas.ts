import { z } from "zod";
import { line } from "../validation/text";

// One schema per admin request shape: the console's forms, the route handlers and the domain share them.

const REASON_MESSAGE = "Give a reason (at least 3 characters): it is kept in the audit log.";

/** Why an admin acts; the audit log keeps it, and a credit change shows it to the user. */
export const reasonSchema = line(REASON_MESSAGE).trim().min(3, REASON_MESSAGE).max(300, "A reason is at most 300 characters.");

export const MAX_ADJUSTMENT = 1_000_000;

export const creditAdjustmentSchema = z.strictObject({
  direction: z.enum(["grant", "deduct"], { error: "Choose grant or deduct." }),
  amount: z
    .number({ error: "The amount is a whole number of credits." })
    .int("The amount is a whole number of credits.")
    .min(1, "The amount is at least 1 credit.")
    .max(MAX_ADJUSTMENT, `The amount is at most ${MAX_ADJUSTMENT.toLocaleString("en-US")} credits.`),
  reason: reasonSchema,
});
export type CreditAdjustment = z.infer<typeof creditAdjustmentSchema>;

export const reasonBodySchema = z.strictObject({ reason: reasonSchema });

export const suspensionSchema = z.strictObject({ suspended: z.boolean({ error: "Say whether the account is suspended (true or false)." }), reason: reasonSchema });

export const retrySchema = z.strictObject({
  /** `user`: charged again from the user's credits; `free`: the platform pays (cost 0). */
  charge: z.enum(["user", "free"], { error: "Choose who pays for the retry: user or free." }),
  reason: reasonSchema,
});
export type RetryInput = z.infer<typeof retrySchema>;

const page = z.coerce.number({ error: "The page is a number." }).int().min(1).max(100_000).catch(1);
const search = line().trim().max(200).optional().catch(undefined);

export const userListQuerySchema = z.object({ q: search, page });

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "canceled"] as const;

export const jobListQuerySchema = z.object({
  status: z.enum(JOB_STATUSES).optional().catch(undefined),
  engine: line().trim().max(40).optional().catch(undefined),
  model: line().trim().max(80).optional().catch(undefined),
  /** An email or part of one. */
  user: search,
  /** Only jobs created at least this many hours ago. */
  olderThanHours: z.coerce.number().int().min(1).max(24 * 365).optional().catch(undefined),
  /** Failure code or part of the error text. */
  reason: search,
  page,
});
export type JobListQuery = z.infer<typeof jobListQuerySchema>;

const day = (what: string) =>
  z.iso.date({ error: `The ${what} date is YYYY-MM-DD, e.g. 2026-01-31.` }).transform((d) => new Date(`${d}T00:00:00Z`));

/** A range of whole UTC days, both ends included. (A transform, not refinements: it runs only once both dates parsed.) */
export const dateRangeSchema = z.object({ from: day("from"), to: day("to") }).transform((r, ctx) => {
  if (r.from > r.to) ctx.issues.push({ code: "custom", input: r, path: ["from"], message: "The from date is after the to date: swap them." });
  else if (r.to.getTime() - r.from.getTime() >= 366 * 86_400_000) ctx.issues.push({ code: "custom", input: r, path: ["to"], message: "Export at most 366 days at a time." });
  return { from: r.from, until: new Date(r.to.getTime() + 86_400_000) };
});

/** The reports' window: the last `days` days (default 14). */
export const reportWindowSchema = z.object({ days: z.coerce.number().int().min(1).max(366).catch(14) });

/** [since, until) of the last `days` whole UTC days, today included. */
export function reportWindow(days: number, now: Date = new Date()): { since: Date; until: Date } {
  const until = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  return { since: new Date(until.getTime() - days * 86_400_000), until };
}

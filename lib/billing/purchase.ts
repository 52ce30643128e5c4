import { z } from "zod";
import { INTERVALS, PAID_PLANS } from "./events";

/** What a checkout sells: a plan at an interval, or a credit pack (the body of POST /api/billing/checkout). */
export const purchaseSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("plan"), plan: z.enum(PAID_PLANS), interval: z.enum(INTERVALS) }),
  z.strictObject({ kind: z.literal("pack"), packId: z.string().regex(/^[a-z0-9_]+$/) }),
]);
export type Purchase = z.output<typeof purchaseSchema>;

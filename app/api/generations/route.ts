import { NextResponse } from "next/server";
import { z } from "zod";
import { presentGeneration } from "@/lib/generations/present";
import { listGenerations } from "@/lib/generations/queries";
import { idempotencyKeyOf, submitResponse } from "@/lib/generations/respond";
import { submitGeneration } from "@/lib/generations/submit";
import { handler } from "@/lib/http/handler";
import { generationRequestSchema } from "@/lib/validation/generation";
import { line } from "@/lib/validation/text";

/** Submit a generation request: N jobs, paid for at once. Send an Idempotency-Key header to retry safely. */
export const POST = handler({ auth: "user", body: generationRequestSchema }, async ({ req, user, body }) =>
  submitResponse(() => submitGeneration(user, body, { idempotencyKey: idempotencyKeyOf(req) })),
);

/** A comma-separated list of enum values, e.g. `status=failed,canceled`. */
const enumList = <const T extends readonly [string, ...string[]]>(values: T, error: string) =>
  line()
    .optional()
    .transform((s) => (s ? s.split(",") : undefined))
    .pipe(z.array(z.enum(values, { error })).optional());

const listQuerySchema = z.object({
  status: line()
    .optional()
    .transform((s) => (s === "active" ? "queued,running" : s))
    .pipe(enumList(["queued", "running", "succeeded", "failed", "canceled"], "The status is active, or a list of queued, running, succeeded, failed, canceled.")),
  kind: enumList(["text_to_video", "image_to_video", "extend", "multi_shot"], "The kind is a list of text_to_video, image_to_video, extend, multi_shot."),
  favorite: z.enum(["1", "0"], { error: "The favorite filter is 1 (favourites only) or 0." }).optional().transform((f) => f === "1"),
  q: line().max(200, "Search for at most 200 characters.").optional(),
  limit: z.coerce.number().int("The limit must be a whole number.").min(1, "The limit is at least 1.").max(100, "The limit is at most 100.").optional(),
  before: line().max(200, "The before cursor is at most 200 characters.").optional(),
});

/** The user's generations, newest first, filtered (the gallery) or not (the event stream's polling fallback). */
export const GET = handler({ auth: "user", query: listQuerySchema }, async ({ user, query }) => {
  const { items, next } = await listGenerations(user.id, query);
  return NextResponse.json({ generations: items.map(presentGeneration), next }, { headers: { "cache-control": "no-store" } });
});

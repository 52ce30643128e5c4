import { NextResponse } from "next/server";
import { z } from "zod";
import { presentGeneration } from "@/lib/generations/present";
import { listGenerations } from "@/lib/generations/queries";
import { idempotencyKeyOf, submitResponse } from "@/lib/generations/respond";
import { submitGeneration } from "@/lib/generations/submit";
import { handler, HttpError } from "@/lib/http/handler";
import { generationRequestSchema } from "@/lib/validation/generation";

/** Submit a generation request: N jobs, paid for at once. Send an Idempotency-Key header to retry safely. */
export const POST = handler({ auth: "user", body: generationRequestSchema }, async ({ req, user, body }) =>
  submitResponse(() => submitGeneration(user, body, { idempotencyKey: idempotencyKeyOf(req) })),
);

/** A comma-separated list of enum values, e.g. `status=failed,canceled`. */
const enumList = <const T extends readonly [string, ...string[]]>(values: T, error: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",") : undefined))
    .pipe(z.array(z.enum(values, { error })).optional());

const listQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => (s === "active" ? "queued,running" : s))
    .pipe(enumList(["queued", "running", "succeeded", "failed", "canceled"], "status is active, or a list of queued, running, succeeded, failed, canceled.")),
  kind: enumList(["text_to_video", "image_to_video", "extend", "multi_shot"], "kind is a list of text_to_video, image_to_video, extend, multi_shot."),
  favorite: z.enum(["1", "0"], { error: "favorite is 1 (favourites only) or 0." }).optional().transform((f) => f === "1"),
  q: z.string().max(200, "Search for at most 200 characters.").optional(),
  limit: z.coerce.number().int().min(1).max(100, "limit is at most 100.").optional(),
  before: z.string().optional(),
});

/** The user's generations, newest first, filtered (the gallery) or not (the event stream's polling fallback). */
export const GET = handler({ auth: "user" }, async ({ req, user }) => {
  const query = listQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!query.success) throw new HttpError(422, query.error.issues[0]!.message);
  const { items, next } = await listGenerations(user.id, query.data);
  return NextResponse.json({ generations: items.map(presentGeneration), next }, { headers: { "cache-control": "no-store" } });
});

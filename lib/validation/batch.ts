import { z } from "zod";
import { generationRequestSchema } from "./generation";
import { line } from "./text";

/** Jobs one batch may hold (its requests' counts together). */
export const MAX_BATCH_JOBS = 100;

/** POST /v1/batches: studio-shape requests submitted together, all accepted or none. */
export const batchRequestSchema = z
  .strictObject({
    requests: z.array(generationRequestSchema).min(1, "must hold at least one request").max(MAX_BATCH_JOBS, `at most ${MAX_BATCH_JOBS} requests`),
    // Control characters are refused before the URL parser, which would quietly percent-encode them.
    callback_url: line().max(2048, "at most 2048 characters").pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })).meta({ format: "uri" }).optional(),
  })
  .superRefine((batch, ctx) => {
    const jobs = batch.requests.reduce((sum, r) => sum + r.count, 0);
    if (jobs > MAX_BATCH_JOBS) ctx.addIssue({ code: "custom", path: ["requests"], message: `ask for at most ${MAX_BATCH_JOBS} videos in all (their counts add up to ${jobs})` });
  });

export type BatchRequest = z.output<typeof batchRequestSchema>;

export const batchListQuerySchema = z.strictObject({
  limit: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "at least 1").max(100, "at most 100").default(20),
  before: line().max(100).optional().meta({ description: "The batch_id of the last batch of the previous page." }),
});

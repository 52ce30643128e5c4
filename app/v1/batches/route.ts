import { readHeader } from "@/lib/http/input";
import { publicBaseUrl } from "@/lib/http/origin";
import { apiRoute } from "@/lib/api/route";
import { klingWording } from "@/lib/api/issues";
import { submitBatch } from "@/lib/generations/batch";
import { listBatches } from "@/lib/generations/batch-view";
import { batchListQuerySchema, batchRequestSchema } from "@/lib/validation/batch";
import { idempotencyKeySchema } from "@/lib/validation/generation";

/** Submits up to 100 studio-shape requests as one batch, all or none. */
export const POST = apiRoute({ body: batchRequestSchema }, async ({ req, body, key, user }) => {
  const idempotencyKey = readHeader(req, "Idempotency-Key", idempotencyKeySchema, klingWording);
  const { batch } = await submitBatch(user, body, { idempotencyKey, api: { keyId: key.id, baseUrl: publicBaseUrl(req.headers, req.nextUrl) } });
  return { data: batch };
});

/** The caller's batches, newest first. */
export const GET = apiRoute({ query: batchListQuerySchema }, async ({ query, user }) => ({ data: await listBatches(user.id, query) }));

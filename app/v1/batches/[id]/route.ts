import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { batchSummary } from "@/lib/generations/batch-view";

/** One of the caller's batches: its counts by status, whether it is done, its task ids. */
export const GET = apiRoute({ params: ["id"] }, async ({ params, user }) => {
  const batch = await batchSummary(user.id, params.id);
  if (!batch) throw new ApiError(1203, `No batch with batch_id "${params.id}".`);
  return { data: batch };
});

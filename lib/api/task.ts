import "server-only";
import type { Generation } from "../db/generated/client";
import { signedMediaPath } from "../media/signed-links";
import type { Task } from "./schemas";

/** What the API records about a task it submitted (kept in the generation's params). */
export type ApiTaskMeta = { keyId: string; baseUrl: string };

export function apiMetaOf(g: Pick<Generation, "params">): ApiTaskMeta | null {
  const api = (g.params as { api?: ApiTaskMeta } | null)?.api;
  return api?.keyId && api.baseUrl ? api : null;
}

/**
 * Kling's four statuses. A job sent back to the queue for another attempt stays "processing":
 * to an API client a task never moves backwards.
 */
export function klingStatus(g: Pick<Generation, "status" | "attempts">): Task["task_status"] {
  switch (g.status) {
    case "queued":
      return g.attempts === 0 ? "submitted" : "processing";
    case "running":
      return "processing";
    case "succeeded":
      return "succeed";
    default:
      return "failed";
  }
}

const seconds = (ms: number) => String(Math.round(ms) / 1000);

/** A generation as Kling's task object; the video URL is a signed link under `baseUrl` that expires. */
export function presentTask(g: Generation, baseUrl: string, now = new Date()): Task {
  const status = klingStatus(g);
  return {
    task_id: g.id,
    task_status: status,
    task_status_msg: status === "failed" ? (g.error ?? (g.status === "canceled" ? "Cancelled." : "Failed.")) : "",
    task_info: { external_task_id: g.externalTaskId },
    task_result: {
      videos:
        status === "succeed" && g.outputVideoId
          ? [{ id: g.outputVideoId, url: `${baseUrl}${signedMediaPath(g.outputVideoId, now)}`, duration: seconds(g.outputDurationMs ?? g.durationSeconds * 1000) }]
          : [],
    },
    final_unit_deduction: String(g.refundedAt ? 0 : g.cost),
    created_at: g.createdAt.getTime(),
    updated_at: g.updatedAt.getTime(),
  };
}

import "server-only";
import { z } from "zod";
import { line } from "../../validation/text";
import { publishEngineHint } from "../../queue/notifications";
import { validCallbackToken } from "./callback-token";
import { klingConfig } from "./config";

/** What Kling POSTs on each status change: the task as a query returns it. Only the ids matter to us. */
export const klingCallbackSchema = z.looseObject({
  task_id: line().min(1, "The task_id is missing.").max(200, "The task_id is at most 200 characters."),
  task_status: line().max(100, "The task_status is at most 100 characters."),
  task_info: z.looseObject({ external_task_id: line().max(200, "The external_task_id is at most 200 characters.").nullish() }).nullish(),
});
export type KlingCallback = z.output<typeof klingCallbackSchema>;

/**
 * A callback is a hint, never a result: when its URL token is ours for that generation, the
 * generation's poller is woken to query Kling itself. Returns false for a forged or stray one.
 */
export async function acceptKlingCallback(generationId: string, token: string, callback: KlingCallback): Promise<boolean> {
  let credentials;
  try {
    credentials = klingConfig().credentials;
  } catch {
    return false;
  }
  if (!generationId || !validCallbackToken(credentials, generationId, token)) return false;
  const external = callback.task_info?.external_task_id;
  if (external && external !== generationId) return false;
  await publishEngineHint(generationId);
  return true;
}

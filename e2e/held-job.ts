import { randomUUID } from "node:crypto";
import { e2eQuery } from "./db";

/**
 * A job that shows as Rendering at `progress` and holds one of the user's plan slots, with nothing
 * rendering it (no queue message; its heartbeat is set a day ahead, so the sweeper leaves it alone).
 * Journeys that look at a running job, or need the user's next jobs to wait queued, then never race
 * a real render, however fast or slow the machine. Cancelling it (the card's Cancel, or
 * POST /api/generations/<id>/cancel) frees the slot; it was never charged, so nothing is refunded.
 */
export async function holdRunningJob(email: string, prompt: string, progress = 40): Promise<string> {
  const id = `held-${randomUUID()}`;
  await e2eQuery(
    `INSERT INTO "Generation" (id, "userId", "batchId", kind, status, progress, prompt, mode, "durationSeconds", "aspectRatio",
                               params, provider, cost, attempts, "startedAt", "heartbeatAt", "updatedAt")
     SELECT $1, id, $1, 'text_to_video', 'running', $3, $4, 'standard', 5, '16:9', '{}', 'local', 10, 1, now(), now() + interval '1 day', now()
       FROM "User" WHERE email = $2`,
    [id, email, progress, prompt],
  );
  return id;
}

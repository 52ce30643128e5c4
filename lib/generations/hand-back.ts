import "server-only";
import { db } from "../db/client";
import type { Generation } from "../db/generated/client";
import { metrics } from "../metrics/registry";
import { enqueueGeneration } from "./job-queue";
import { requeueGeneration } from "./transitions";

/**
 * A running job of a worker that is shutting down goes back to the queue at once (not after the
 * stale timeout), keeping its remote task id, so the next worker resumes the provider's task. The
 * attempt is counted as handed back: deploys never use up a job's attempts.
 */
export async function handBackGeneration(g: Generation): Promise<boolean> {
  const handedBack = await requeueGeneration(g.id, g.attempts, "The worker rendering this video was stopped; another worker takes it over.", { handBack: true });
  if (handedBack) metrics().handedBack.inc({ engine: g.provider });
  return handedBack;
}

/** A queue message a shutting-down worker received but will not claim: sent again for another worker. */
export async function sendBackUnclaimed(generationId: string): Promise<void> {
  const generation = await db().generation.findUnique({ where: { id: generationId }, select: { id: true, provider: true, status: true, queueOrder: true } });
  if (generation?.status === "queued") await enqueueGeneration(generation);
}

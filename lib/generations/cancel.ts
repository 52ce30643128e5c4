import "server-only";
import type { Generation, GenerationStatus } from "../db/generated/client";
import { findGeneration } from "./queries";
import { endWithoutVideo } from "./transitions";

export type CancelResult =
  | { kind: "canceled"; generation: Generation; refunded: number }
  | { kind: "finished"; status: GenerationStatus }
  | { kind: "missing" };

/** The owner's cancel: ends the job now (a running render stops at its next progress step) and refunds it. */
export async function cancelGeneration(userId: string, id: string): Promise<CancelResult> {
  const refunded = await endWithoutVideo(id, { status: "canceled", userId, error: "Cancelled by you." });
  const generation = await findGeneration(userId, id);
  if (!generation) return { kind: "missing" };
  if (refunded === null) return { kind: "finished", status: generation.status };
  return { kind: "canceled", generation, refunded };
}

import "server-only";
import { db } from "../db/client";
import type { GenerationStatus } from "../db/generated/client";
import { deleteAsset } from "../storage/assets";
import { ACTIVE_STATUSES } from "./queries";

export type DeleteResult = { kind: "deleted" } | { kind: "active"; status: GenerationStatus } | { kind: "missing" };

/**
 * Deletes one of the user's finished generations and then its video and poster. Assets are
 * deduplicated by checksum, so one another generation still points at stays. The credit ledger
 * keeps its entries (their generationId becomes null). A queued or running job is refused: it
 * would still be charged and rendered, so it is cancelled first.
 */
export async function deleteGeneration(userId: string, id: string): Promise<DeleteResult> {
  const generation = await db().generation.findFirst({ where: { id, userId }, select: { status: true, outputVideoId: true, thumbnailId: true } });
  if (!generation) return { kind: "missing" };
  // The status is checked again in the delete itself: a job may have been requeued meanwhile.
  const { count } = await db().generation.deleteMany({ where: { id, userId, status: { notIn: ACTIVE_STATUSES } } });
  if (count === 0) {
    const now = await db().generation.findFirst({ where: { id, userId }, select: { status: true } });
    return now ? { kind: "active", status: now.status } : { kind: "missing" };
  }
  await deleteUnreferencedAssets(userId, [generation.outputVideoId, generation.thumbnailId].filter((a): a is string => a !== null));
  return { kind: "deleted" };
}

/**
 * Deletes those of the user's assets that no generation points at any more. Assets are
 * deduplicated by checksum, so a video or poster may be shared by identical renders.
 */
export async function deleteUnreferencedAssets(userId: string, ids: string[]): Promise<void> {
  const orphans = await db().asset.findMany({
    where: { id: { in: ids }, userId, videoOf: { none: {} }, thumbnailOf: { none: {} }, startOf: { none: {} }, endOf: { none: {} }, referenceOf: { none: {} }, elementImageOf: { none: {} } },
    select: { id: true },
  });
  await Promise.all(orphans.map((asset) => deleteAsset(userId, asset.id)));
}

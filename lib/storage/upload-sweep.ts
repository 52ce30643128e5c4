import "server-only";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { storage } from "./index";
import { UPLOAD_RETENTION_DAYS } from "./uploads";

/** An uploaded image nothing uses: no generation starts, ends on or references it, and no element shows it. */
const unused = { kind: "image", startOf: { none: {} }, endOf: { none: {} }, referenceOf: { none: {} }, elementImageOf: { none: {} } } satisfies Prisma.AssetWhereInput;

/**
 * Removes uploads nothing has used for `retentionDays` after they were uploaded (run every minute
 * by the worker, at most `batchSize` a run). Each row is deleted only if it is still unused at
 * that moment (a generation made meanwhile keeps it), then its object. Returns how many it removed.
 */
export async function removeUnusedUploads(now: Date = new Date(), retentionDays = UPLOAD_RETENTION_DAYS, batchSize = 200): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 3600_000);
  const candidates = await db().asset.findMany({ where: { ...unused, createdAt: { lt: cutoff } }, select: { id: true, storageKey: true }, take: batchSize });
  let removed = 0;
  for (const candidate of candidates) {
    const { count } = await db().asset.deleteMany({ where: { ...unused, id: candidate.id } });
    if (count === 0) continue;
    await storage().delete(candidate.storageKey);
    removed++;
  }
  return removed;
}

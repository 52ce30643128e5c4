import "server-only";
import { db } from "../db/client";

/** How stale "last seen" may be: one write per user per this many minutes, not one per request. */
const RESOLUTION_MS = 5 * 60_000;

/** Notes that the user made a signed-in request now (the admin console's "last seen"). */
export async function recordLastSeen(userId: string, now: Date = new Date()): Promise<void> {
  const staleBefore = new Date(now.getTime() - RESOLUTION_MS);
  await db().$executeRaw`
    UPDATE "User" SET "lastSeenAt" = ${now}
     WHERE id = ${userId} AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ${staleBefore})`;
}

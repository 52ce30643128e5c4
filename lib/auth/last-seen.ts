import "server-only";
import { db } from "../db/client";

/** How stale "last seen" may be: one write per user per this many minutes, not one per request. */
const RESOLUTION_MS = 5 * 60_000;

/** When this process last wrote (or found fresh) each user's "last seen": a request within the resolution needs no query. */
const recorded = new Map<string, number>();
const MAX_REMEMBERED = 50_000;

/** Notes that the user made a signed-in request now (the admin console's "last seen"). */
export async function recordLastSeen(userId: string, now: Date = new Date()): Promise<void> {
  const last = recorded.get(userId);
  if (last !== undefined && now.getTime() - last < RESOLUTION_MS && now.getTime() >= last) return;
  const staleBefore = new Date(now.getTime() - RESOLUTION_MS);
  await db().$executeRaw`
    UPDATE "User" SET "lastSeenAt" = ${now}
     WHERE id = ${userId} AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ${staleBefore})`;
  if (recorded.size >= MAX_REMEMBERED) recorded.clear();
  recorded.set(userId, now.getTime());
}

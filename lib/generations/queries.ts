import "server-only";
import { db } from "../db/client";
import type { Generation, GenerationStatus } from "../db/generated/client";

export const ACTIVE_STATUSES: GenerationStatus[] = ["queued", "running"];

export type ListFilter = { status?: GenerationStatus[]; limit?: number; before?: string };

/** A user's generations, newest first; `before` is the id of the last one of the previous page. */
export async function listGenerations(userId: string, filter: ListFilter = {}): Promise<{ items: Generation[]; next: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 24, 1), 100);
  const cursor = filter.before ? await db().generation.findFirst({ where: { id: filter.before, userId }, select: { createdAt: true, id: true } }) : null;
  const items = await db().generation.findMany({
    where: {
      userId,
      ...(filter.status?.length ? { status: { in: filter.status } } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  return { items: page, next: more ? page[page.length - 1]!.id : null };
}

/** One of the user's generations; null for a missing id or someone else's. */
export function findGeneration(userId: string, id: string): Promise<Generation | null> {
  return db().generation.findFirst({ where: { id, userId } });
}

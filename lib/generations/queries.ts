import "server-only";
import { db } from "../db/client";
import type { Generation, GenerationKind, GenerationStatus, Prisma } from "../db/generated/client";

export const ACTIVE_STATUSES: GenerationStatus[] = ["queued", "running"];

export type ListFilter = {
  status?: GenerationStatus[];
  kind?: GenerationKind[];
  favorite?: boolean;
  /** Words to find in the prompt, case-insensitively and literally (no wildcards). */
  q?: string;
  limit?: number;
  before?: string;
};

/** LIKE treats % and _ as wildcards: a search for "100%" means the characters themselves. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filterWhere(filter: ListFilter): Prisma.GenerationWhereInput {
  const q = filter.q?.trim();
  return {
    ...(filter.status?.length ? { status: { in: filter.status } } : {}),
    ...(filter.kind?.length ? { kind: { in: filter.kind } } : {}),
    ...(filter.favorite ? { favorite: true } : {}),
    ...(q ? { prompt: { contains: likeLiteral(q), mode: "insensitive" as const } } : {}),
  };
}

/** A user's generations, newest first; `before` is the id of the last one of the previous page. */
export async function listGenerations(userId: string, filter: ListFilter = {}): Promise<{ items: Generation[]; next: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 24, 1), 100);
  const cursor = filter.before ? await db().generation.findFirst({ where: { id: filter.before, userId }, select: { createdAt: true, id: true } }) : null;
  const items = await db().generation.findMany({
    where: {
      userId,
      ...filterWhere(filter),
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

/** The generation with its start and end frames, for the detail view and reuse. */
export function findGenerationWithFrames(userId: string, id: string) {
  return db().generation.findFirst({ where: { id, userId }, include: { startImage: true, endImage: true } });
}

/** Marks or unmarks one of the user's generations as a favourite; null when it is not theirs. */
export async function setFavorite(userId: string, id: string, favorite: boolean): Promise<Generation | null> {
  const { count } = await db().generation.updateMany({ where: { id, userId }, data: { favorite } });
  return count === 0 ? null : findGeneration(userId, id);
}

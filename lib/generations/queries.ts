import "server-only";
import { db } from "../db/client";
import { Prisma, type Generation, type GenerationKind, type GenerationStatus } from "../db/generated/client";
import { sql } from "../db/sql";
import { generationFromRow } from "./rows";

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

/**
 * A user's generations, newest first; `before` is the id of the last one of the previous page (one
 * that is not theirs, or gone, starts from the top). Plain SQL: the gallery and every open studio
 * poll this, and the model query cost four times the CPU.
 */
export async function listGenerations(userId: string, filter: ListFilter = {}): Promise<{ items: Generation[]; next: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 24, 1), 100);
  const q = filter.q?.trim();
  const conditions = [
    Prisma.sql`g."userId" = ${userId}`,
    ...(filter.status?.length ? [Prisma.sql`g.status = ANY(${filter.status}::"GenerationStatus"[])`] : []),
    ...(filter.kind?.length ? [Prisma.sql`g.kind = ANY(${filter.kind}::"GenerationKind"[])`] : []),
    ...(filter.favorite ? [Prisma.sql`g.favorite`] : []),
    ...(q ? [Prisma.sql`g.prompt ILIKE ${`%${likeLiteral(q)}%`}`] : []),
    ...(filter.before ? [Prisma.sql`(NOT EXISTS (SELECT 1 FROM cursor) OR (g."createdAt", g.id) < (SELECT "createdAt", id FROM cursor))`] : []),
  ];
  const rows = await sql().$queryRaw<Generation[]>`
    WITH cursor AS (SELECT "createdAt", id FROM "Generation" WHERE id = ${filter.before ?? null} AND "userId" = ${userId})
    SELECT g.* FROM "Generation" g
     WHERE ${Prisma.join(conditions, " AND ")}
     ORDER BY g."createdAt" DESC, g.id DESC
     LIMIT ${limit + 1}`;
  const items = rows.map(generationFromRow);
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

import "server-only";
import { db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { STALE_AFTER_MS } from "../generations/transitions";
import { ADMIN_PAGE_SIZE, containsPattern, paged, type Paged } from "./paging";
import type { JobListQuery } from "./schemas";

/** A job queued longer than this is listed as stuck (no worker is taking it). */
export const QUEUED_TOO_LONG_MS = Number(process.env.ADMIN_STUCK_QUEUED_MINUTES ?? 15) * 60_000;

export type AdminJobRow = {
  id: string;
  userId: string;
  email: string;
  status: string;
  provider: string;
  model: string | null;
  mode: string;
  durationSeconds: number;
  cost: number;
  attempts: number;
  errorCode: string | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  heartbeatAt: Date | null;
  refundedAt: Date | null;
  /** Why the job looks stuck, or null. */
  stuck: "queued_too_long" | "no_heartbeat" | null;
};

function filters(query: JobListQuery, now: Date): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (query.status) parts.push(Prisma.sql`g.status = ${query.status}::"GenerationStatus"`);
  if (query.engine) parts.push(Prisma.sql`g.provider = ${query.engine}`);
  if (query.model) parts.push(Prisma.sql`g.params->>'engineModel' = ${query.model}`);
  if (query.user) parts.push(Prisma.sql`(u.email ILIKE ${containsPattern(query.user)} OR u.id = ${query.user})`);
  if (query.olderThanHours) parts.push(Prisma.sql`g."createdAt" <= ${new Date(now.getTime() - query.olderThanHours * 3_600_000)}`);
  if (query.reason) parts.push(Prisma.sql`(g."errorCode" ILIKE ${containsPattern(query.reason)} OR g.error ILIKE ${containsPattern(query.reason)})`);
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

/** Every job matching the filters: the stuck ones first (queued too long, running without a heartbeat), then newest first. */
export async function listJobs(query: JobListQuery, now: Date = new Date()): Promise<Paged<AdminJobRow>> {
  const where = filters(query, now);
  const queuedBefore = new Date(now.getTime() - QUEUED_TOO_LONG_MS);
  const silentSince = new Date(now.getTime() - STALE_AFTER_MS);
  const [rows, counted] = await Promise.all([
    db().$queryRaw<AdminJobRow[]>`
      SELECT * FROM (
        SELECT g.id, g."userId", u.email, g.status::text AS status, g.provider, g.params->>'engineModel' AS model, g.mode::text AS mode,
               g."durationSeconds", g.cost, g.attempts, g."errorCode", g.error, g."createdAt", g."startedAt", g."heartbeatAt", g."refundedAt",
               CASE WHEN g.status = 'queued' AND g."createdAt" < ${queuedBefore} THEN 'queued_too_long'
                    WHEN g.status = 'running' AND (g."heartbeatAt" IS NULL OR g."heartbeatAt" < ${silentSince}) THEN 'no_heartbeat'
               END AS stuck
          FROM "Generation" g JOIN "User" u ON u.id = g."userId" ${where}
      ) jobs
       ORDER BY (stuck IS NOT NULL) DESC, "createdAt" DESC, id
       LIMIT ${ADMIN_PAGE_SIZE} OFFSET ${(query.page - 1) * ADMIN_PAGE_SIZE}`,
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Generation" g JOIN "User" u ON u.id = g."userId" ${where}`,
  ]);
  return paged(rows, counted[0]!.n, query.page);
}

/** The engines and models jobs ran on, for the filter's choices. */
export async function jobEngines(): Promise<{ provider: string; model: string | null }[]> {
  return db().$queryRaw`SELECT DISTINCT provider, params->>'engineModel' AS model FROM "Generation" ORDER BY 1, 2`;
}

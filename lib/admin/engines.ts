import "server-only";
import { db } from "../db/client";

export type EngineDay = { day: string; provider: string; model: string | null; jobs: number; succeeded: number; failed: number; secondsRendered: number };
export type EngineFailure = { provider: string; model: string | null; reason: string; jobs: number };
export type EngineTiming = {
  provider: string;
  model: string | null;
  finished: number;
  queueWaitMedianS: number | null;
  queueWaitP95S: number | null;
  renderMedianS: number | null;
  renderP95S: number | null;
};
export type ProviderMargin = { provider: string; model: string | null; jobs: number; providerUnits: string; creditsCharged: number; creditsRefunded: number };

/**
 * How the engines did over [since, until): jobs and seconds of video rendered per day, failures by
 * reason, queue wait (submit → first start) and render time (start → finish) of finished jobs, and
 * for remote engines the provider's units (Kling's final_unit_deduction) against the credits charged.
 */
export async function engineReport(since: Date, until: Date) {
  const [days, failures, timings, margins] = await Promise.all([
    db().$queryRaw<EngineDay[]>`
      SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day, provider, params->>'engineModel' AS model,
             count(*)::int AS jobs,
             count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
             count(*) FILTER (WHERE status = 'failed')::int AS failed,
             COALESCE(SUM("outputDurationMs") FILTER (WHERE status = 'succeeded'), 0)::float8 / 1000 AS "secondsRendered"
        FROM "Generation" WHERE "createdAt" >= ${since} AND "createdAt" < ${until}
       GROUP BY 1, 2, 3 ORDER BY 1 DESC, 2, 3`,
    db().$queryRaw<EngineFailure[]>`
      SELECT provider, params->>'engineModel' AS model, COALESCE("errorCode", 'unknown') AS reason, count(*)::int AS jobs
        FROM "Generation" WHERE status = 'failed' AND "createdAt" >= ${since} AND "createdAt" < ${until}
       GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3`,
    db().$queryRaw<EngineTiming[]>`
      SELECT provider, params->>'engineModel' AS model, count(*)::int AS finished,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM "startedAt" - "createdAt"))::float8 AS "queueWaitMedianS",
             percentile_cont(0.95) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM "startedAt" - "createdAt"))::float8 AS "queueWaitP95S",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM "finishedAt" - "startedAt"))::float8 AS "renderMedianS",
             percentile_cont(0.95) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM "finishedAt" - "startedAt"))::float8 AS "renderP95S"
        FROM "Generation"
       WHERE status = 'succeeded' AND "startedAt" IS NOT NULL AND "finishedAt" IS NOT NULL AND "createdAt" >= ${since} AND "createdAt" < ${until}
       GROUP BY 1, 2 ORDER BY 1, 2`,
    db().$queryRaw<ProviderMargin[]>`
      SELECT provider, params->>'engineModel' AS model, count(*)::int AS jobs,
             COALESCE(SUM("providerUnits"), 0)::text AS "providerUnits",
             COALESCE(SUM(cost), 0)::int AS "creditsCharged",
             COALESCE(SUM(cost) FILTER (WHERE "refundedAt" IS NOT NULL), 0)::int AS "creditsRefunded"
        FROM "Generation" WHERE provider <> 'local' AND "createdAt" >= ${since} AND "createdAt" < ${until}
       GROUP BY 1, 2 ORDER BY 1, 2`,
  ]);
  return { days, failures, timings, margins };
}

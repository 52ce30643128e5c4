import type { PlanId, PricingConfig } from "../credits/config";
import { Prisma } from "../db/generated/client";

/**
 * The order queued jobs start in, per engine queue. Each job gets a queue order (a time) when it
 * enters the queue, and jobs start earliest order first:
 *
 *   order = max(submitted + planDelay(plan), the user's last waiting job's order + fairShare)
 *
 * - Priority by plan: a plan's jobs queue as if submitted planDelay seconds later (pricing file,
 *   `queue.planDelaySeconds`; default Premier 0, Pro 15, Standard 45, Free 120).
 * - Fairness: one user's waiting jobs are spaced fairShare seconds apart (`queue.fairShareSeconds`,
 *   default 10), so another user's first job goes ahead of the backlog's later jobs.
 * - No starvation: orders only grow with time, so a job ordered at T starts before every job
 *   submitted after T. A user's first waiting job of plan p submitted at t is overtaken only by
 *   jobs submitted before t + planDelay(p): its wait is bounded by what was submitted until then,
 *   however long paid load goes on.
 *
 * The per-plan concurrency limit still applies on top: a job whose user has all the plan's slots
 * busy keeps its order and is looked at again shortly.
 */

/**
 * The queue order (SQL, a timestamp) of the k-th job (k from 1, SQL) of one request entering the queue
 * at `now`; `lastOrder` (SQL) is the user's latest waiting job on that queue, or NULL. The rule above,
 * applied k times (each job after the one before it), comes to
 *   max(now + planDelay + (k - 1) · fairShare, lastOrder + k · fairShare)
 * and is computed in the statement that inserts the jobs. Two submits of one user at the same moment
 * can read the same lastOrder (the user's share lock does not order them): their jobs then share
 * orders, which costs fairness between that user's own jobs, nothing else.
 */
export function queueOrderSql(plan: PlanId, now: Date, lastOrder: Prisma.Sql, k: Prisma.Sql, config: PricingConfig["queue"]): Prisma.Sql {
  const delay = config.planDelaySeconds[plan];
  const share = config.fairShareSeconds;
  return Prisma.sql`GREATEST(${now}::timestamp + make_interval(secs => ${delay}::float8 + (${k} - 1) * ${share}::float8),
                             ${lastOrder} + make_interval(secs => ${k} * ${share}::float8))`;
}

const ORDER_EPOCH = "2025-01-01";
const INT4_MAX = 2_147_483_647;

/**
 * The pg-boss priority (an int4, higher first) of a queue order (SQL): its seconds since 2025
 * negated, so earlier orders are fetched first; pg-boss breaks ties by creation time.
 */
export function prioritySql(order: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(-GREATEST(-${INT4_MAX}::int, LEAST(${INT4_MAX}::int, floor(extract(epoch FROM (${order} - ${ORDER_EPOCH}::timestamp))))))::int`;
}

import type { PlanId, PricingConfig } from "../credits/config";

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

/** The queue order of a job entering the queue at `now`; `lastOrder` is the user's latest waiting job on that queue. */
export function queueOrderFor(plan: PlanId, now: Date, lastOrder: Date | null, config: PricingConfig["queue"]): Date {
  const byPlan = now.getTime() + config.planDelaySeconds[plan] * 1000;
  const afterOwnBacklog = lastOrder ? lastOrder.getTime() + config.fairShareSeconds * 1000 : -Infinity;
  return new Date(Math.max(byPlan, afterOwnBacklog));
}

const ORDER_EPOCH_MS = Date.UTC(2025, 0, 1);
const INT4_MAX = 2_147_483_647;

/**
 * The pg-boss priority (an int4, higher first) of a queue order: its seconds since 2025
 * negated, so earlier orders are fetched first; pg-boss breaks ties by creation time.
 */
export function priorityOf(order: Date): number {
  const seconds = Math.floor((order.getTime() - ORDER_EPOCH_MS) / 1000);
  return -Math.max(-INT4_MAX, Math.min(INT4_MAX, seconds));
}

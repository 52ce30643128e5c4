import "server-only";
import type { Generation } from "../db/generated/client";
import { metrics } from "../metrics/registry";

export type AttemptOutcome = "succeeded" | "retried" | "failed" | "stopped" | "handed_back";

/**
 * Starts timing a claimed attempt (and records the queue wait of a first attempt); the returned
 * function ends it with its outcome.
 */
export function observeAttempt(g: Generation, now: number = Date.now()): (outcome: AttemptOutcome) => void {
  const m = metrics();
  if (g.attempts === 1 && g.startedAt) m.queueWait.observe({ engine: g.provider }, Math.max(0, g.startedAt.getTime() - g.createdAt.getTime()) / 1000);
  return (outcome) => m.renderDuration.observe({ engine: g.provider, outcome }, (Date.now() - now) / 1000);
}

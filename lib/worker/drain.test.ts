import { describe, expect, it } from "vitest";
import { isHandBack } from "../engines/hand-back";
import { drainJobs, isDraining, resumeClaiming, shutdownGraceMs, trackJob } from "./drain";

/** A job that ends when its abort fires, or when end() is called. */
function job(id: string, remote: boolean) {
  const abort = new AbortController();
  const untrack = trackJob(id, remote, abort);
  if (abort.signal.aborted) untrack();
  else abort.signal.addEventListener("abort", () => untrack());
  return { abort, end: untrack };
}

describe("draining a worker's jobs", () => {
  it("hands remote jobs back at once, lets local ones finish within the grace period, hands back the rest", async () => {
    resumeClaiming();
    const remote = job("remote", true);
    const quick = job("quick", false);
    const slow = job("slow", false);
    const drained = drainJobs(50);
    expect(isDraining()).toBe(true);
    expect(isHandBack(remote.abort.signal)).toBe(true);
    expect(quick.abort.signal.aborted).toBe(false);
    quick.end();
    expect(await drained).toEqual({ finished: 1, handedBack: 2 });
    expect(quick.abort.signal.aborted).toBe(false);
    expect(isHandBack(slow.abort.signal)).toBe(true);
  });

  it("hands back at once a job claimed while draining, and waits for it too", async () => {
    resumeClaiming();
    const drained = drainJobs(0);
    const late = job("late", false);
    expect(isHandBack(late.abort.signal)).toBe(true);
    await drained;
    resumeClaiming();
    expect(isDraining()).toBe(false);
  });

  it("reads the grace period from WORKER_SHUTDOWN_GRACE_SECONDS", () => {
    expect(shutdownGraceMs({})).toBe(30_000);
    expect(shutdownGraceMs({ WORKER_SHUTDOWN_GRACE_SECONDS: "0" })).toBe(0);
    expect(shutdownGraceMs({ WORKER_SHUTDOWN_GRACE_SECONDS: "90" })).toBe(90_000);
    expect(shutdownGraceMs({ WORKER_SHUTDOWN_GRACE_SECONDS: "-1" })).toBe(30_000);
    expect(shutdownGraceMs({ WORKER_SHUTDOWN_GRACE_SECONDS: "soon" })).toBe(30_000);
  });
});

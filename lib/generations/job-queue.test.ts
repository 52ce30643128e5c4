import { describe, expect, it } from "vitest";
import { retryBackoffSeconds } from "./job-queue";

describe("retryBackoffSeconds", () => {
  it("waits JOB_RETRY_SECONDS (default 5) after the first failure, doubling each attempt", () => {
    expect([1, 2, 3].map((attempt) => retryBackoffSeconds(attempt, {}))).toEqual([5, 10, 20]);
    expect([1, 2, 3].map((attempt) => retryBackoffSeconds(attempt, { JOB_RETRY_SECONDS: "1" }))).toEqual([1, 2, 4]);
    expect(retryBackoffSeconds(1, { JOB_RETRY_SECONDS: "soon" })).toBe(5);
    expect(retryBackoffSeconds(1, { JOB_RETRY_SECONDS: "0" })).toBe(5);
  });
});

import { describe, expect, it } from "vitest";
import type { Generation } from "../db/generated/client";
import { klingStatus, presentTask } from "./task";

describe("Kling task view", () => {
  it("maps our statuses to Kling's four, never moving a retried job back to submitted", () => {
    expect(klingStatus({ status: "queued", attempts: 0 })).toBe("submitted");
    expect(klingStatus({ status: "queued", attempts: 1 })).toBe("processing");
    expect(klingStatus({ status: "running", attempts: 1 })).toBe("processing");
    expect(klingStatus({ status: "succeeded", attempts: 1 })).toBe("succeed");
    expect(klingStatus({ status: "failed", attempts: 4 })).toBe("failed");
    expect(klingStatus({ status: "canceled", attempts: 0 })).toBe("failed");
  });

  it("gives ms timestamps, string durations and a signed link only for a finished video", () => {
    const g = {
      id: "g1",
      status: "succeeded",
      attempts: 1,
      externalTaskId: null,
      outputVideoId: "v1",
      outputDurationMs: 10_000,
      durationSeconds: 10,
      cost: 20,
      refundedAt: null,
      error: null,
      createdAt: new Date(1_750_000_000_000),
      updatedAt: new Date(1_750_000_060_000),
    } as unknown as Generation;
    const task = presentTask(g, "https://reels.example.com", new Date(1_750_000_100_000));
    expect(task).toMatchObject({ task_status: "succeed", final_unit_deduction: "20", created_at: 1_750_000_000_000, updated_at: 1_750_000_060_000, task_info: { external_task_id: null } });
    expect(task.task_result.videos).toEqual([{ id: "v1", duration: "10", url: expect.stringMatching(/^https:\/\/reels\.example\.com\/api\/media\/signed\/v1\.1750086500\.[\w-]+$/) }]);
    expect(presentTask({ ...g, status: "running" } as Generation, "x").task_result.videos).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { dayKey, endOfDay } from "./clock";

describe("calendar days for the daily bonus", () => {
  it("end at the next UTC midnight in UTC", () => {
    const at = new Date("2026-03-14T23:59:59.500Z");
    expect(dayKey(at, "UTC")).toBe("2026-03-14");
    expect(endOfDay(at, "UTC").toISOString()).toBe("2026-03-15T00:00:00.000Z");
    expect(dayKey(new Date("2026-03-15T00:00:00.000Z"), "UTC")).toBe("2026-03-15");
  });

  it("follow the operator's zone, across a daylight-saving change", () => {
    // 2026-03-29 is the night Paris moves from UTC+1 to UTC+2.
    const at = new Date("2026-03-28T23:30:00Z"); // 00:30 on the 29th in Paris
    expect(dayKey(at, "Europe/Paris")).toBe("2026-03-29");
    expect(endOfDay(at, "Europe/Paris").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(endOfDay(new Date("2026-03-27T12:00:00Z"), "Europe/Paris").toISOString()).toBe("2026-03-27T23:00:00.000Z");
  });

  it("handle zones ahead of and behind UTC", () => {
    const at = new Date("2026-06-01T02:00:00Z");
    expect(dayKey(at, "America/New_York")).toBe("2026-05-31");
    expect(endOfDay(at, "America/New_York").toISOString()).toBe("2026-06-01T04:00:00.000Z");
    expect(dayKey(at, "Asia/Tokyo")).toBe("2026-06-01");
    expect(endOfDay(at, "Asia/Tokyo").toISOString()).toBe("2026-06-01T15:00:00.000Z");
  });

  it("answers each instant with its own day, asked in any order (the last day asked is remembered per zone)", () => {
    const zone = "America/New_York";
    expect(dayKey(new Date("2026-06-01T03:59:59.999Z"), zone)).toBe("2026-05-31");
    expect(dayKey(new Date("2026-06-01T04:00:00.000Z"), zone)).toBe("2026-06-01");
    expect(dayKey(new Date("2026-06-01T03:00:00.000Z"), zone)).toBe("2026-05-31");
    expect(dayKey(new Date("2026-06-02T03:59:59.999Z"), zone)).toBe("2026-06-01");
    expect(dayKey(new Date("2026-06-02T04:00:00.000Z"), zone)).toBe("2026-06-02");
    expect(dayKey(new Date("2026-06-02T05:00:00.000Z"), "UTC")).toBe("2026-06-02");
    expect(dayKey(new Date("2026-06-02T05:00:00.000Z"), zone)).toBe("2026-06-02");
  });
});

import { describe, expect, it } from "vitest";
import { loadPricingConfig } from "../credits/config";
import { priorityOf, queueOrderFor } from "./schedule";

const config = loadPricingConfig().queue;
const t0 = new Date("2026-06-01T12:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe("queue order", () => {
  it("gives each plan its head start: Premier, then Pro, Standard, Free", () => {
    const orders = (["premier", "pro", "standard", "free"] as const).map((plan) => queueOrderFor(plan, t0, null, config));
    expect(orders).toEqual([at(0), at(15), at(45), at(120)]);
  });

  it("spaces one user's waiting jobs fairShareSeconds apart, so another user's first job goes ahead of the backlog", () => {
    let last: Date | null = null;
    const backlog: Date[] = [];
    for (let i = 0; i < 5; i++) backlog.push((last = queueOrderFor("premier", t0, last, config)));
    expect(backlog).toEqual([at(0), at(10), at(20), at(30), at(40)]);
    const other = queueOrderFor("premier", at(1), null, config);
    expect(backlog.filter((o) => o < other)).toHaveLength(1);
  });

  it("is starvation-free: a free job is overtaken only by jobs submitted before its order", () => {
    const free = queueOrderFor("free", t0, null, config);
    expect(queueOrderFor("premier", at(119), null, config) < free).toBe(true);
    expect(queueOrderFor("premier", at(121), null, config) > free).toBe(true);
  });

  it("follows the pricing file", () => {
    const custom = { planDelaySeconds: { free: 0, standard: 0, pro: 0, premier: 30 }, fairShareSeconds: 1 };
    expect(queueOrderFor("premier", t0, null, custom)).toEqual(at(30));
    expect(queueOrderFor("free", t0, at(5), custom)).toEqual(at(6));
  });
});

describe("pg-boss priority of an order", () => {
  it("fetches earlier orders first, at one-second resolution, within int4", () => {
    expect(priorityOf(at(0))).toBeGreaterThan(priorityOf(at(1)));
    expect(priorityOf(at(0))).toBe(priorityOf(new Date(t0.getTime() + 999)));
    expect(priorityOf(new Date("2200-01-01"))).toBeGreaterThanOrEqual(-2_147_483_647);
    expect(priorityOf(new Date("1990-01-01"))).toBeLessThanOrEqual(2_147_483_647);
  });
});

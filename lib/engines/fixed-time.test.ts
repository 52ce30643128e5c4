import { describe, expect, it } from "vitest";
import { benchEngineFromEnv } from "./fixed-time";

describe("the benchmark's fixed-time engine", () => {
  it("is chosen only by BENCH_FIXED_ENGINE_MS, and never in production", () => {
    expect(benchEngineFromEnv({})).toBeNull();
    expect(benchEngineFromEnv({ BENCH_FIXED_ENGINE_MS: "50" })?.id).toBe("fixed-time");
    expect(() => benchEngineFromEnv({ BENCH_FIXED_ENGINE_MS: "50", NODE_ENV: "production" })).toThrow(/benchmarks only/);
    expect(() => benchEngineFromEnv({ BENCH_FIXED_ENGINE_MS: "soon" })).toThrow(/number of milliseconds/);
  });
});

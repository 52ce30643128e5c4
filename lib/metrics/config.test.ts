import { describe, expect, it } from "vitest";
import { checkMetricsConfig } from "./config";

describe("the metrics settings", () => {
  it("accept nothing set, a long token and a port", () => {
    expect(() => checkMetricsConfig({})).not.toThrow();
    expect(() => checkMetricsConfig({ METRICS_TOKEN: "0123456789abcdef0123", METRICS_PORT: "9464" })).not.toThrow();
  });

  it("refuse a guessable token and a port that is not one, naming the variable", () => {
    for (const token of ["short", "0123456789abcde", "0123456789 abcdef0123"]) {
      expect(() => checkMetricsConfig({ METRICS_TOKEN: token }), token).toThrow(/^METRICS_TOKEN must be at least 16 characters/);
    }
    for (const port of ["90000", "-1", "9464x", "http"]) {
      expect(() => checkMetricsConfig({ METRICS_PORT: port }), port).toThrow(/^METRICS_PORT must be a port number/);
    }
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPricingConfig, parsePricingConfig, PricingConfigError } from "./config";
import defaults from "./pricing.default.json";

describe("pricing configuration", () => {
  it("ships the defaults of pricing.md", () => {
    const config = loadPricingConfig();
    expect(config.plans.standard).toMatchObject({ monthlyPriceUsd: 10, monthlyGrant: 660, dailyBonus: 66 });
    expect(config.plans.pro.monthlyGrant).toBe(3000);
    expect(config.plans.premier.monthlyGrant).toBe(8000);
    expect(config.packs.map((p) => [p.credits, p.priceUsd, p.validDays])).toEqual([
      [330, 5, 730],
      [660, 10, 730],
      [3500, 50, 730],
    ]);
  });

  it("names the bad field of a bad file", () => {
    const bad = structuredClone(defaults) as Record<string, unknown> & typeof defaults;
    (bad.plans.pro as Record<string, unknown>).monthlyGrant = -5;
    (bad.creditsPerSecond.professional as Record<string, unknown>).audioOn = "twelve";
    expect(() => parsePricingConfig(bad, "pricing.json")).toThrow(PricingConfigError);
    try {
      parsePricingConfig(bad, "pricing.json");
    } catch (error) {
      expect((error as Error).message).toContain("Invalid pricing configuration in pricing.json");
      expect((error as Error).message).toContain("plans.pro.monthlyGrant:");
      expect((error as Error).message).toContain("creditsPerSecond.professional.audioOn:");
    }
  });

  it("refuses unknown fields and a bad time zone", () => {
    expect(() => parsePricingConfig({ ...defaults, bonus: 1 }, "x")).toThrow(/Unrecognized key/);
    expect(() => parsePricingConfig({ ...defaults, timeZone: "Mars/Olympus" }, "x")).toThrow(/timeZone: must be an IANA time zone/);
  });

  it("reads an operator's file from PRICING_CONFIG, and says when it cannot", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pricing-"));
    const file = path.join(dir, "pricing.json");
    writeFileSync(file, JSON.stringify({ ...defaults, maxGenerations: 2 }));
    expect(loadPricingConfig(file).maxGenerations).toBe(2);
    writeFileSync(file, "{ not json");
    expect(() => loadPricingConfig(file)).toThrow(/Cannot read the pricing configuration/);
  });
});

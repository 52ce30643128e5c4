import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import defaults from "../lib/credits/pricing.default.json";

describe("start-up", () => {
  it("stops on a bad pricing file, naming the bad field, before starting anything", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pricing-"));
    const file = path.join(dir, "pricing.json");
    writeFileSync(file, JSON.stringify({ ...defaults, plans: { ...defaults.plans, standard: { ...defaults.plans.standard, dailyBonus: -1 } } }));
    const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/serve.ts", "start"], {
      env: { ...process.env, PRICING_CONFIG: file, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Reelsmith cannot start.");
    expect(result.stderr).toContain(`Invalid pricing configuration in ${file}`);
    expect(result.stderr).toContain("plans.standard.dailyBonus:");
  });
});

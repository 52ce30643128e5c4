import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import defaults from "../lib/credits/pricing.default.json";
import comfyDefaultT2v from "../lib/engines/comfyui/workflows/default-t2v.json";

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

  it("stops on a bad ComfyUI workflow template, naming what is wrong, before starting anything", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "comfyui-"));
    const file = path.join(dir, "t2v.json");
    const nodes = Object.entries(comfyDefaultT2v.prompt).filter(([id]) => id !== "7") // the negative prompt;
    writeFileSync(file, JSON.stringify({ ...comfyDefaultT2v, prompt: Object.fromEntries(nodes) }));
    const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/serve.ts", "start"], {
      env: { ...process.env, COMFYUI_URL: "http://127.0.0.1:8188", COMFYUI_WORKFLOW_T2V: file, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Reelsmith cannot start.");
    expect(result.stderr).toContain(`Invalid ComfyUI workflow template ${file}`);
    expect(result.stderr).toContain("no {{negative_prompt}} placeholder");
  });
});

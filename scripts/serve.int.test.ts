import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import defaults from "../lib/credits/pricing.default.json";
import comfyDefaultT2v from "../lib/engines/comfyui/workflows/default-t2v.json";
import { CEILING } from "@/tests/support/ceilings";

/** Starts `npm start` with `env` (Stripe and billing variables unset unless given) and expects it to refuse, saying `says`. */
function expectStartRefusedWith(env: Record<string, string>, says: string[]) {
  const inherited = { ...process.env };
  for (const name of ["BILLING_MODE", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "NODE_ENV"]) delete inherited[name];
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/serve.ts", "start"], {
    env: { ...inherited, ...env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
    encoding: "utf8",
    timeout: CEILING.state,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("Reelsmith cannot start.");
  for (const text of says) expect(result.stderr).toContain(text);
}

/** Writes `content` to a fresh file, starts the server with `env(file)` and expects it to refuse, saying why. */
function expectStartRefused(content: unknown, env: (file: string) => Record<string, string>, says: (file: string) => string[]) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "config-")), "config.json");
  writeFileSync(file, JSON.stringify(content));
  expectStartRefusedWith(env(file), says(file));
}

describe("start-up", () => {
  it("stops on a bad pricing file, naming the bad field, before starting anything", () => {
    expectStartRefused(
      { ...defaults, plans: { ...defaults.plans, standard: { ...defaults.plans.standard, dailyBonus: -1 } } },
      (file) => ({ PRICING_CONFIG: file }),
      (file) => [`Invalid pricing configuration in ${file}`, "plans.standard.dailyBonus:"],
    );
  });

  it("stops on a bad ComfyUI workflow template, naming what is wrong, before starting anything", () => {
    const withoutNegativePrompt = Object.entries(comfyDefaultT2v.prompt).filter(([id]) => id !== "7");
    expectStartRefused(
      { ...comfyDefaultT2v, prompt: Object.fromEntries(withoutNegativePrompt) },
      (file) => ({ COMFYUI_URL: "http://127.0.0.1:8188", COMFYUI_WORKFLOW_T2V: file }),
      (file) => [`Invalid ComfyUI workflow template ${file}`, "no {{negative_prompt}} placeholder"],
    );
  });

  it("refuses to sell through the offline test checkout unless BILLING_MODE=test says so", () => {
    expectStartRefusedWith({}, ["does not sell through the offline test checkout", "BILLING_MODE=test on purpose"]);
  });

  it("refuses a half-configured Stripe, naming the missing variable", () => {
    expectStartRefusedWith({ STRIPE_SECRET_KEY: "sk_test_x" }, ["Stripe billing is half configured: set STRIPE_WEBHOOK_SECRET"]);
    expectStartRefusedWith({ STRIPE_WEBHOOK_SECRET: "whsec_x" }, ["Stripe billing is half configured: set STRIPE_SECRET_KEY"]);
    expectStartRefusedWith({ BILLING_MODE: "stripe", STRIPE_WEBHOOK_SECRET: "whsec_x" }, ["set STRIPE_SECRET_KEY"]);
  });
});

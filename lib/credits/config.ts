import { readFileSync } from "node:fs";
import { z } from "zod";
import defaults from "./pricing.default.json";

/**
 * Plans, credit packs and the per-second price table: one JSON file an operator can replace
 * (PRICING_CONFIG=/path/to/pricing.json) without touching code. Validated at start.
 */

const credits = z.number().int().nonnegative();
const perSecond = z.number().positive();

const planSchema = z.strictObject({
  name: z.string().min(1),
  monthlyPriceUsd: z.number().nonnegative(),
  monthlyGrant: credits,
  dailyBonus: credits,
  professionalMode: z.boolean(),
  watermarkFree: z.boolean(),
  concurrentJobs: z.number().int().positive(),
  /** Room for the user's uploaded images, in MB (10^6 bytes). */
  uploadQuotaMb: z.number().positive().default(50),
});

const rateSchema = z.strictObject({ resolution: z.string().min(1), audioOff: perSecond, audioOn: perSecond });

const pricingConfigSchema = z
  .strictObject({
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as UTC or Europe/Paris"),
    yearlyDiscount: z.number().min(0).max(1),
    plans: z.strictObject({ free: planSchema, standard: planSchema, pro: planSchema, premier: planSchema }),
    packs: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9_]+$/, "must be lower-case letters, digits and _"),
          credits: z.number().int().positive(),
          priceUsd: z.number().positive(),
          validDays: z.number().int().positive(),
        }),
      )
      .min(1),
    creditsPerSecond: z.strictObject({ standard: rateSchema, professional: rateSchema }),
    clipSeconds: z.array(z.number().int().positive()).min(1),
    maxGenerations: z.number().int().min(1).max(16),
    multiShot: z.strictObject({
      minShots: z.number().int().min(2),
      maxShots: z.number().int().min(2),
      maxTotalSeconds: z.number().int().positive(),
    }),
    extend: z.strictObject({ seconds: z.number().int().positive(), maxTotalSeconds: z.number().int().positive() }),
    /** How long refunded credits whose grant expired meanwhile stay spendable past that expiry. */
    refundGraceMinutes: z.number().int().nonnegative().default(60),
    /** Job order (lib/generations/schedule.ts): a plan's head start in its engine's queue, and the spacing of one user's waiting jobs. */
    queue: z
      .strictObject({
        planDelaySeconds: z.strictObject({ free: z.number().int().nonnegative(), standard: z.number().int().nonnegative(), pro: z.number().int().nonnegative(), premier: z.number().int().nonnegative() }),
        fairShareSeconds: z.number().int().positive(),
      })
      .default({ planDelaySeconds: { free: 120, standard: 45, pro: 15, premier: 0 }, fairShareSeconds: 10 }),
  })
  .superRefine((config, ctx) => {
    if (config.plans.free.monthlyPriceUsd !== 0) {
      ctx.addIssue({ code: "custom", path: ["plans", "free", "monthlyPriceUsd"], message: "the free plan must cost 0" });
    }
    const ids = config.packs.map((p) => p.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["packs"], message: "pack ids must be unique" });
    if (config.multiShot.maxShots < config.multiShot.minShots) {
      ctx.addIssue({ code: "custom", path: ["multiShot", "maxShots"], message: "must be at least minShots" });
    }
  });

export type PricingConfig = z.output<typeof pricingConfigSchema>;
export type PlanId = keyof PricingConfig["plans"];
export type ModeId = keyof PricingConfig["creditsPerSecond"];
export const PLAN_IDS = ["free", "standard", "pro", "premier"] as const satisfies readonly PlanId[];

export class PricingConfigError extends Error {}

/** Parses a pricing file; the error names the file, the field and what is wrong with it. */
export function parsePricingConfig(raw: unknown, source: string): PricingConfig {
  const result = pricingConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  throw new PricingConfigError(`Invalid pricing configuration in ${source}:\n${problems.join("\n")}`);
}

/** PRICING_CONFIG when set, else the defaults shipped in lib/credits/pricing.default.json. */
export function loadPricingConfig(file = process.env.PRICING_CONFIG): PricingConfig {
  if (!file) return parsePricingConfig(defaults, "lib/credits/pricing.default.json");
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new PricingConfigError(`Cannot read the pricing configuration ${file}: ${(error as Error).message}`);
  }
  return parsePricingConfig(raw, file);
}

let cached: PricingConfig | undefined;

/** The configuration of this process (read once). */
export function pricingConfig(): PricingConfig {
  cached ??= loadPricingConfig();
  return cached;
}

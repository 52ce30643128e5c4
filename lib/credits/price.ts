import { DomainError } from "../errors/domain";
import type { GenerationRequest } from "../validation/generation";
import { pricingConfig, type ModeId, type PricingConfig } from "./config";

export type PriceInput =
  | { kind: "text_to_video" | "image_to_video"; mode: ModeId; audio: boolean; count: number; duration: number }
  | { kind: "extend"; mode: ModeId; audio: boolean; count: number }
  | { kind: "multi_shot"; mode: ModeId; audio: boolean; count: number; shotSeconds: number[] };

export type Price = {
  /** Credits per second of video at this mode and audio setting. */
  creditsPerSecond: number;
  resolution: string;
  /** Seconds of video in one generation. */
  seconds: number;
  /** Credits for one generation, rounded up to a whole credit. */
  perGeneration: number;
  count: number;
  total: number;
};

/** Why the price table cannot price a request (and so the product must refuse it). */
export type PriceErrorCode = "shot_count" | "shot_length" | "total_length" | "clip_length" | "count" | "mode";

/** A request the price table cannot price (and so the product must refuse). */
export class PriceError extends DomainError<PriceErrorCode> {}

function secondsOf(input: PriceInput, config: PricingConfig): number {
  switch (input.kind) {
    case "extend":
      return config.extend.seconds;
    case "multi_shot": {
      const { minShots, maxShots, maxTotalSeconds } = config.multiShot;
      const shots = input.shotSeconds;
      if (shots.length < minShots || shots.length > maxShots) {
        throw new PriceError("shot_count", `A multi-shot video has ${minShots} to ${maxShots} shots; this one has ${shots.length}.`);
      }
      if (shots.some((s) => !Number.isInteger(s) || s < 1)) throw new PriceError("shot_length", "Each shot lasts a whole number of seconds, at least 1.");
      const total = shots.reduce((a, b) => a + b, 0);
      if (total > maxTotalSeconds) throw new PriceError("total_length", `A multi-shot video lasts at most ${maxTotalSeconds} s in all; this one lasts ${total} s.`);
      return total;
    }
    default:
      if (!config.clipSeconds.includes(input.duration)) {
        throw new PriceError("clip_length", `Length must be ${config.clipSeconds.join(" or ")} seconds; got ${input.duration}.`);
      }
      return input.duration;
  }
}

/** cost = credits per second(mode, audio) × seconds × number of generations (pricing.md). */
export function priceOf(input: PriceInput, config: PricingConfig = pricingConfig()): Price {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > config.maxGenerations) {
    throw new PriceError("count", `Generate 1 to ${config.maxGenerations} videos at a time; got ${input.count}.`);
  }
  const rate = config.creditsPerSecond[input.mode];
  if (!rate) throw new PriceError("mode", `Unknown mode ${String(input.mode)}.`);
  const creditsPerSecond = input.audio ? rate.audioOn : rate.audioOff;
  const seconds = secondsOf(input, config);
  // Rounded per generation, so N generations always cost exactly N times one.
  const perGeneration = Math.ceil(creditsPerSecond * seconds - 1e-9);
  return { creditsPerSecond, resolution: rate.resolution, seconds, perGeneration, count: input.count, total: perGeneration * input.count };
}

/** The pricing facts of a validated studio/API request. */
export function priceInputOf(request: GenerationRequest): PriceInput {
  if (request.shots) return { kind: "multi_shot", mode: request.mode, audio: request.audio, count: request.count, shotSeconds: request.shots.map((shot) => shot.duration) };
  return { kind: request.kind, mode: request.mode, audio: request.audio, count: request.count, duration: request.duration };
}

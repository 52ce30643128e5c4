import { describe, expect, it } from "vitest";
import { loadPricingConfig, parsePricingConfig } from "./config";
import defaults from "./pricing.default.json";
import { priceOf, priceInputOf, PriceError } from "./price";
import { generationRequestSchema } from "../validation/generation";

const config = loadPricingConfig();

describe("the price table of pricing.md", () => {
  // mode | resolution | audio off | audio on  —  standard 720p 2/s 4/s, professional 1080p 7/s 12/s
  it.each([
    ["standard", false, 5, 10],
    ["standard", false, 10, 20],
    ["standard", true, 5, 20],
    ["standard", true, 10, 40],
    ["professional", false, 5, 35],
    ["professional", false, 10, 70],
    ["professional", true, 5, 60],
    ["professional", true, 10, 120],
  ] as const)("%s, audio %s, %i s costs %i credits", (mode, audio, duration, credits) => {
    const price = priceOf({ kind: "text_to_video", mode, audio, duration, count: 1 }, config);
    expect(price.total).toBe(credits);
    expect(price.perGeneration).toBe(credits);
    expect(price.resolution).toBe(mode === "standard" ? "720p" : "1080p");
  });

  it("image to video costs the same as text to video", () => {
    const t2v = priceOf({ kind: "text_to_video", mode: "professional", audio: false, duration: 10, count: 1 }, config);
    const i2v = priceOf({ kind: "image_to_video", mode: "professional", audio: false, duration: 10, count: 1 }, config);
    expect(i2v).toEqual(t2v);
  });

  it.each([1, 2, 3, 4])("%i generations cost that many times one", (count) => {
    expect(priceOf({ kind: "text_to_video", mode: "professional", audio: true, duration: 5, count }, config)).toMatchObject({
      perGeneration: 60,
      count,
      total: 60 * count,
    });
  });

  it("an extension is priced as a new 5 s clip at the parent's mode", () => {
    expect(priceOf({ kind: "extend", mode: "standard", audio: false, count: 1 }, config).total).toBe(10);
    expect(priceOf({ kind: "extend", mode: "professional", audio: true, count: 2 }, config).total).toBe(120);
  });

  it("a multi-shot video is priced by its total length, up to 15 s over 2–6 shots", () => {
    expect(priceOf({ kind: "multi_shot", mode: "standard", audio: false, count: 1, shotSeconds: [5, 5, 5] }, config).total).toBe(30);
    expect(() => priceOf({ kind: "multi_shot", mode: "standard", audio: false, count: 1, shotSeconds: [10, 6] }, config)).toThrow(
      "A multi-shot video lasts at most 15 s in all; this one lasts 16 s.",
    );
    expect(() => priceOf({ kind: "multi_shot", mode: "standard", audio: false, count: 1, shotSeconds: [5] }, config)).toThrow(
      /2 to 6 shots; this one has 1/,
    );
  });

  it("refuses what the table cannot price", () => {
    expect(() => priceOf({ kind: "text_to_video", mode: "standard", audio: false, duration: 16, count: 1 }, config)).toThrow(PriceError);
    expect(() => priceOf({ kind: "text_to_video", mode: "standard", audio: false, duration: 5, count: 5 }, config)).toThrow(
      "Generate 1 to 4 videos at a time; got 5.",
    );
    expect(() => priceOf({ kind: "text_to_video", mode: "standard", audio: false, duration: 5, count: 0 }, config)).toThrow(PriceError);
  });

  it("rounds a fractional per-second rate up per generation, so N always costs N times one", () => {
    const fractional = parsePricingConfig(
      { ...defaults, creditsPerSecond: { ...defaults.creditsPerSecond, standard: { resolution: "720p", audioOff: 1.5, audioOn: 3.3 } } },
      "test",
    );
    expect(priceOf({ kind: "text_to_video", mode: "standard", audio: false, duration: 5, count: 3 }, fractional)).toMatchObject({
      perGeneration: 8,
      total: 24,
    });
    expect(priceOf({ kind: "text_to_video", mode: "standard", audio: true, duration: 10, count: 1 }, fractional).total).toBe(33);
  });

  it("prices a validated studio request with its defaults (standard, 5 s, 1 generation)", () => {
    const request = generationRequestSchema.parse({ kind: "text_to_video", prompt: "a fox in the snow" });
    expect(priceOf(priceInputOf(request), config).total).toBe(10);
  });
});

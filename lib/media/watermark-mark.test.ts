import { describe, expect, it } from "vitest";
import { paintWatermark } from "./watermark-mark";

describe("the watermark", () => {
  it("scales with the frame and keeps its corners transparent", () => {
    const small = paintWatermark(1280, 720);
    const large = paintWatermark(1920, 1080);
    expect(large.width).toBeGreaterThan(small.width);
    expect(small.height).toBeGreaterThanOrEqual(Math.round(720 * 0.04));
    expect(small.rgba[3]).toBe(0); // top-left corner outside the rounded pill
    const alphas = Array.from({ length: small.width * small.height }, (_, i) => small.rgba[i * 4 + 3]!);
    expect(alphas.filter((a) => a === 235).length).toBeGreaterThan(200); // the white letters
    expect(alphas.filter((a) => a === 115).length).toBeGreaterThan(alphas.filter((a) => a === 235).length); // the pill behind
  });
});

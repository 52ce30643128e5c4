import { describe, expect, it } from "vitest";
import { DEFAULT_DEPTH, depthFromWords, mentionContexts, standing } from "./depth";

describe("depth from the prompt's words", () => {
  it.each([
    ["a close-up of the knight", 1],
    ["closeup, studio light", 1],
    ["the dog in front of a castle", 1],
    ["a lighthouse in the distance", 5.5],
    ["far away on the hills", 5.5],
    ["a ship on the horizon", 5.5],
    ["standing in the middle ground", 2.4],
    ["a knight in a valley", DEFAULT_DEPTH],
  ])("%s → %d", (text, depth) => expect(depthFromWords(text)).toBe(depth));

  it("matches whole words only, in any case", () => {
    expect(depthFromWords("FAR AWAY")).toBe(5.5);
    expect(depthFromWords("a farmer and a nearly empty field")).toBe(DEFAULT_DEPTH);
  });

  it("reads each mention's own words", () => {
    const prompt = "a close-up of @rex and <<<element_2>>> in the distance";
    const [rex, mia] = mentionContexts(prompt, [["@rex", "<<<element_1>>>"], ["@mia", "<<<element_2>>>"]]);
    expect(depthFromWords(rex!)).toBe(1);
    expect(depthFromWords(mia!)).toBe(5.5);
  });

  it("gives an unmentioned subject the whole prompt", () => {
    expect(mentionContexts("a castle far away", [["@rex"]])).toEqual(["a castle far away"]);
  });
});

describe("where a subject stands", () => {
  it("stands lower and taller the nearer it is, its feet below the horizon", () => {
    const near = standing(1, 0.1, 16 / 9, 0, 1);
    const far = standing(5.5, 0.1, 16 / 9, 0, 1);
    expect(near.height).toBeGreaterThan(far.height);
    expect(near.feet).toBeGreaterThan(far.feet);
    expect(far.feet).toBeGreaterThan(0.1);
    expect(near).toMatchObject({ depth: 1, x: 0 });
  });

  it("spreads several subjects left to right inside the frame", () => {
    const xs = [0, 1, 2].map((i) => standing(1.3, 0, 16 / 9, i, 3).x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[1]).toBeCloseTo(0);
    for (const x of xs) expect(Math.abs(x)).toBeLessThan(16 / 9);
  });
});

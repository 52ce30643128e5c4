import { describe, expect, it } from "vitest";
import { promptParts, shotStarts, splitIntoShots, spreadEvenly } from "./split";

describe("automatic storyboards", () => {
  it("cut a prompt at sentences and at then", () => {
    expect(promptParts("A fox wakes in the snow. It runs to the river, then it drinks! And then night falls")).toEqual([
      "A fox wakes in the snow.",
      "It runs to the river",
      "it drinks!",
      "night falls",
    ]);
    expect(promptParts("Thenardier's theme, athena then...")).toEqual(["Thenardier's theme, athena", "..."].filter((p) => /\w/.test(p)));
  });

  it("spread the seconds evenly, the earlier shots taking the odd ones", () => {
    expect(spreadEvenly(15, 3)).toEqual([5, 5, 5]);
    expect(spreadEvenly(11, 3)).toEqual([4, 4, 3]);
    expect(spreadEvenly(3, 2)).toEqual([2, 1]);
  });

  it("make 2–6 shots whose lengths add up to the total", () => {
    const shots = splitIntoShots("Dawn over a harbour. Boats leave, then the open sea.", 10);
    expect(shots).toEqual([
      { prompt: "Dawn over a harbour.", duration: 4 },
      { prompt: "Boats leave", duration: 3 },
      { prompt: "the open sea.", duration: 3 },
    ]);
    const many = splitIntoShots("A. B. C. D. E. F. G. H.", 15);
    expect(many).toHaveLength(6);
    expect(many.at(-1)!.prompt).toBe("F.. G.. H.");
    expect(many.reduce((s, shot) => s + shot.duration, 0)).toBe(15);
    // Never more shots than seconds: each lasts at least 1 s.
    expect(splitIntoShots("A. B. C. D. E.", 3).map((s) => s.duration)).toEqual([1, 1, 1]);
  });

  it("give a one-sentence prompt two shots of it", () => {
    expect(splitIntoShots("a lighthouse in fog", 5)).toEqual([
      { prompt: "a lighthouse in fog", duration: 3 },
      { prompt: "a lighthouse in fog", duration: 2 },
    ]);
  });

  it("say when each shot starts", () => {
    expect(shotStarts([{ duration: 4 }, { duration: 5 }, { duration: 6 }])).toEqual([0, 4, 9]);
  });
});

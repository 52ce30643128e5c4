import { describe, expect, it } from "vitest";
import { closestNames, findMentions, klingTokens, toKlingPrompt } from "./mentions";

const NAMES = ["Mira", "Mira Two", "Rex", "red-fox"];

describe("@name mentions", () => {
  it("match the longest element name, in any case, not running on into a word, and skip e-mail addresses", () => {
    const { matched, unknown } = findMentions("@mira two waves at @REX, mail me@rex.com; @Mirage and @red-fox!", NAMES);
    expect(matched.map((m) => m.name)).toEqual(["Mira Two", "Rex", "red-fox"]);
    expect(unknown).toEqual([{ word: "Mirage", start: 42 }]);
  });

  it("suggest the closest names, prefix matches first", () => {
    expect(closestNames("Mi", NAMES)).toEqual(["Mira", "Mira Two", "Rex"]);
    expect(closestNames("Rax", NAMES, 1)).toEqual(["Rex"]);
  });

  it("are rewritten to Kling's <<<element_n>>> by the element's place among the request's elements", () => {
    expect(toKlingPrompt("@rex chases @Mira and @rex again", ["Mira", "Rex"])).toBe("<<<element_2>>> chases <<<element_1>>> and <<<element_2>>> again");
    expect(toKlingPrompt("no mentions", ["Mira"])).toBe("no mentions");
  });

  it("Kling's own references are read with their numbers", () => {
    expect(klingTokens("<<<element_1>>> and <<<image_2>>> meet <<<element_3>>>")).toEqual({ element: [1, 3], image: [2] });
  });
});

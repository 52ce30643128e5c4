import { describe, expect, it } from "vitest";
import defaults from "./content-policy.default.json";
import { checkContentPolicy, compilePolicies, ContentPolicyError, policyReading } from "./content-policy";

const compiled = compilePolicies(defaults, "content-policy.default.json");

function blockedBy(prompt: string): string | null {
  try {
    checkContentPolicy([{ field: "prompt", text: prompt }], compiled);
    return null;
  } catch (error) {
    if (error instanceof ContentPolicyError) return error.policyId;
    throw error;
  }
}

describe("the content policy", () => {
  it("blocks the plain terms and passes ordinary prompts", () => {
    expect(blockedBy("a porn set")).toBe("sexual");
    expect(blockedBy("GORE everywhere")).toBe("gore");
    expect(blockedBy("a lighthouse at dusk, waves crashing")).toBeNull();
    expect(blockedBy("gorgeous sunset")).toBeNull(); // whole words only
  });

  it.each([
    ["zero-width space", "p\u200Born"],
    ["zero-width joiner and non-joiner", "g\u200Do\u200Cre"],
    ["soft hyphen", "be\u00ADheading"],
    ["word joiner", "decap\u2060itated"],
    ["byte order mark", "\uFEFFpo\uFEFFrn"],
    ["bidi controls", "p\u202Eor\u202Cn and g\u2066ore\u2069"],
    ["variation selectors", "p\uFE0Fo\uFE0Er\u{E0100}n"],
    ["tag characters", "por\u{E0041}\u{E007F}n"],
    ["a space joined by invisible characters", "hardcore\u200B \u200Bsex"],
    ["fullwidth letters", "ｐｏｒｎ"],
    ["mathematical letters", "𝐠𝐨𝐫𝐞"],
    ["circled letters", "ⓖⓞⓡⓔ"],
    ["fullwidth mixed with zero-width", "ｐ\u200Bｏｒｎ"],
    ["the minors pattern in compatibility forms", "ｃｈｉｌｄ in a ｎａｋｅｄ scene"],
  ])("sees through %s", (_, prompt) => {
    expect(blockedBy(prompt)).not.toBeNull();
  });

  it("reads text for matching only: letters with accents and scripts are kept", () => {
    expect(policyReading("Ｃａｆé\u200B au lait — 東京")).toBe("Café au lait — 東京");
    expect(blockedBy("Ｃａｆé au lait")).toBeNull();
  });

  it("checks every field and names the one that broke it", () => {
    expect(() => checkContentPolicy([{ field: "prompt", text: "a calm sea" }, { field: "negative prompt", text: "g\u200Bore" }], compiled)).toThrow(
      'Your negative prompt was blocked by the content policy "graphic violence". Rephrase it and try again.',
    );
  });
});

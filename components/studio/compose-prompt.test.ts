import { describe, expect, it } from "vitest";
import { composePrompt } from "./compose-prompt";

describe("prompt helper", () => {
  it("writes subject + motion + scene, then camera and light", () => {
    expect(
      composePrompt({ subject: "a red fox", action: "trots through fresh snow", scene: "in a birch forest at dawn.", camera: "slow tracking shot", lighting: "soft backlight, " }),
    ).toBe("A red fox trots through fresh snow in a birch forest at dawn, slow tracking shot, soft backlight.");
  });

  it("skips empty parts and writes nothing for nothing", () => {
    expect(composePrompt({ subject: "", action: "", scene: "a quiet harbour", camera: "", lighting: "" })).toBe("A quiet harbour.");
    expect(composePrompt({ subject: " ", action: "", scene: "", camera: "", lighting: "" })).toBe("");
  });
});

import { describe, expect, it } from "vitest";
import { describeCamera, endTransform } from "./camera-moves";

describe("camera preview moves", () => {
  it("say what a move means in words", () => {
    expect(describeCamera({ type: "axis", axis: "tilt", value: 6 })).toBe("Tilt +6: tilt up");
    expect(describeCamera({ type: "axis", axis: "horizontal", value: -3 })).toBe("Horizontal -3: left");
    expect(describeCamera({ type: "master", shot: "down_back" })).toBe("Move down & pull back");
    expect(describeCamera(null)).toMatch(/Automatic/);
  });

  it("move the picture against the camera, proportionally to the value", () => {
    expect(endTransform({ type: "axis", axis: "horizontal", value: 10 })).toBe("translateX(-12%)");
    expect(endTransform({ type: "axis", axis: "horizontal", value: -5 })).toBe("translateX(6%)");
    expect(endTransform({ type: "axis", axis: "zoom", value: 5 })).toBe("scale(0.86)");
    expect(endTransform({ type: "axis", axis: "roll", value: -10 })).toBe("rotate(-20deg)");
  });
});

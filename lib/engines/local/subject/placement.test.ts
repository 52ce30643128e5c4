import { describe, expect, it } from "vitest";
import { cameraPath } from "../camera";
import { hasParallax, placeCutout, startFrameCutout } from "./placement";

const clip = { width: 256, height: 144 };

describe("placing a cut-out on its plate", () => {
  it("scales the box to the standing height and stands its feet at the right row", () => {
    // At overscan 1 a plate pixel is 2/144 view units: height 1 → 72 px; feet at y 0.5 → row 108.
    const place = placeCutout({ x: 10, y: 20, width: 50, height: 100 }, { depth: 1, x: 0, feet: 0.5, height: 1 }, clip, 1)!;
    expect(place.scaled).toEqual({ width: 36, height: 72 });
    expect(place.at).toEqual({ x: 110, y: 36 });
    expect(place.crop).toEqual({ x: 0, y: 0, width: 36, height: 72 });
  });

  it("crops what falls off the plate, and gives null when nothing is left", () => {
    const low = placeCutout({ x: 0, y: 0, width: 100, height: 100 }, { depth: 1, x: 0, feet: 1.5, height: 1 }, clip, 1)!;
    expect(low.at.y + low.crop.height).toBe(144);
    expect(low.crop).toMatchObject({ y: 0, height: 144 - low.at.y });
    const left = placeCutout({ x: 0, y: 0, width: 100, height: 100 }, { depth: 1, x: -1.8, feet: 0.5, height: 1 }, clip, 1)!;
    expect(left.at.x).toBe(0);
    expect(left.crop.x).toBeGreaterThan(0);
    expect(placeCutout({ x: 0, y: 0, width: 10, height: 10 }, { depth: 1, x: 0, feet: 3, height: 0.5 }, clip, 1)).toBeNull();
  });

  it("draws smaller on a plate covering more of the view", () => {
    const place = placeCutout({ x: 0, y: 0, width: 50, height: 100 }, { depth: 1, x: 0, feet: 0.5, height: 1 }, clip, 2)!;
    expect(place.scaled.height).toBe(36);
  });
});

describe("the start frame's cut-out", () => {
  it("fills the plate when the plate covers what the image does, and shrinks with a wider plate", () => {
    expect(startFrameCutout(clip, 1.1, 1.1)).toEqual(clip);
    expect(startFrameCutout(clip, 1.1, 1.0)).toEqual(clip);
    const smaller = startFrameCutout(clip, 1, 1.25);
    expect(smaller).toEqual({ width: 204, height: 116 });
  });
});

describe("parallax", () => {
  it("comes from moving the camera, not from turning or zooming it", () => {
    for (const axis of ["horizontal", "vertical"] as const) expect(hasParallax(cameraPath({ type: "axis", axis, value: 3 }, 1, 1))).toBe(true);
    for (const axis of ["zoom", "pan", "tilt", "roll"] as const) expect(hasParallax(cameraPath({ type: "axis", axis, value: 3 }, 1, 1))).toBe(false);
    expect(hasParallax(cameraPath({ type: "master", shot: "forward_up" }, 1, 1))).toBe(true);
    expect(hasParallax(cameraPath(undefined, 1, 1))).toBe(true); // the default push-in
    expect(hasParallax(cameraPath({ type: "axis", axis: "zoom", value: 3 }, 0.2, 1))).toBe(true); // handheld sway moves it
  });
});

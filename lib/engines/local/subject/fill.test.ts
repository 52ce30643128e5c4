import { describe, expect, it } from "vitest";
import { backgroundPatch, coverage, fillHole, holeMask, subjectBox } from "./fill";

const W = 40;
const H = 30;
/** A disc of subject (255) on background (0). */
function disc(cx: number, cy: number, r: number): Uint8Array {
  return Uint8Array.from({ length: W * H }, (_, i) => (Math.hypot((i % W) - cx, Math.floor(i / W) - cy) <= r ? 255 : 0));
}
/** Left half blue, right half green, with a red subject over `matte`. */
function picture(matte: Uint8Array): Uint8Array {
  const rgba = new Uint8Array(W * H * 4);
  for (let i = 0; i < W * H; i++) {
    const colour = matte[i] ? [255, 0, 0] : i % W < W / 2 ? [0, 0, 255] : [0, 255, 0];
    rgba.set([...colour, 255], i * 4);
  }
  return rgba;
}

describe("matte measures", () => {
  it("box and coverage of a disc; none for an empty matte", () => {
    const m = disc(20, 15, 5);
    expect(subjectBox(m, W, H)).toEqual({ x: 15, y: 10, width: 11, height: 11 });
    expect(coverage(m)).toBeCloseTo((Math.PI * 25) / (W * H), 1);
    expect(subjectBox(new Uint8Array(W * H), W, H)).toBeNull();
    expect(coverage(new Uint8Array(W * H))).toBe(0);
  });

  it("the hole covers the subject, grown past its edge, and nothing far away", () => {
    const hole = holeMask(disc(20, 15, 5), W, H, 3);
    expect(hole[15 * W + 20]).toBe(1);
    expect(hole[15 * W + 27]).toBeGreaterThan(0.5); // 7 px from the centre: inside the grown edge
    expect(hole[0]).toBe(0);
  });
});

describe("filling the hole", () => {
  it("takes the colours around the hole, never black, and leaves known pixels alone", () => {
    const m = disc(20, 15, 6);
    const rgba = picture(m);
    const filled = fillHole(rgba, W, H, holeMask(m, W, H, 2));
    const at = (x: number, y: number) => [0, 1, 2].map((k) => filled[(y * W + x) * 3 + k]!);
    const [lr, lg, lb] = at(16, 15);
    const [rr, rg, rb] = at(24, 15);
    // No red left from the subject; the hole's blue side blue, its green side green.
    expect(lr).toBeLessThan(40);
    expect(rr).toBeLessThan(40);
    expect(lb).toBeGreaterThan(lg! + 50);
    expect(rg).toBeGreaterThan(rb! + 50);
    for (let i = 0; i < W * H; i++) expect(filled[i * 3]! + filled[i * 3 + 1]! + filled[i * 3 + 2]!).toBeGreaterThan(100);
    expect(at(2, 2)).toEqual([0, 0, 255]);
  });

  it("the patch is opaque over the hole and transparent elsewhere", () => {
    const m = disc(20, 15, 6);
    const patch = backgroundPatch(picture(m), m, W, H);
    expect(patch[(15 * W + 20) * 4 + 3]).toBe(255);
    expect(patch[3]).toBe(0);
  });
});

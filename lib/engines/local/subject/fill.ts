/**
 * Pure pixel work on a subject's matte: its extent, and the background with the subject taken out
 * (the hole filled from its surroundings), so a subject moving at its own parallax uncovers a
 * plausible background instead of a black or ghosted one. All buffers are row-major, one byte per
 * channel; mattes are 0 (background) to 255 (subject).
 */

export type Box = { x: number; y: number; width: number; height: number };

/** The share of the picture the subject covers, 0–1. */
export function coverage(matte: Uint8Array): number {
  let sum = 0;
  for (const a of matte) sum += a;
  return sum / (255 * matte.length || 1);
}

/** The smallest box holding every pixel that is mostly subject (alpha ≥ 128); null when there is none. */
export function subjectBox(matte: Uint8Array, width: number, height: number): Box | null {
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (matte[y * width + x]! >= 128) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Separable max (dilate) or mean (blur) over a (2r+1)² window, clamped at the edges. */
function separable(src: Float32Array, width: number, height: number, r: number, op: "max" | "mean"): Float32Array {
  const pass = (input: Float32Array, along: "x" | "y") => {
    const out = new Float32Array(input.length);
    const [n, lines] = along === "x" ? [width, height] : [height, width];
    const at = (line: number, i: number) => (along === "x" ? line * width + i : i * width + line);
    for (let line = 0; line < lines; line++)
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let k = Math.max(0, i - r); k <= Math.min(n - 1, i + r); k++) {
          const v = input[at(line, k)]!;
          acc = op === "max" ? Math.max(acc, v) : acc + v;
        }
        out[at(line, i)] = op === "max" ? acc : acc / (Math.min(n - 1, i + r) - Math.max(0, i - r) + 1);
      }
    return out;
  };
  return pass(pass(src, "x"), "y");
}

/**
 * The hole the subject leaves: where the matte is more than faint, grown by `grow` pixels (the
 * matte's soft fringe still carries the subject's colours) and feathered, 0–1.
 */
export function holeMask(matte: Uint8Array, width: number, height: number, grow: number): Float32Array {
  const seed = Float32Array.from(matte, (a) => (a > 12 ? 1 : 0));
  const feather = Math.max(1, Math.round(grow / 3));
  return separable(separable(seed, width, height, grow, "max"), width, height, feather, "mean");
}

/**
 * Fills `hole` (0–1 per pixel) in an RGBA picture by push-pull: the known pixels are averaged down a
 * pyramid to 1×1, then each level's gaps take the smoothly upsampled colour of the level above. The
 * hole gets the colours around it, blurred more the farther from its edge. Returns RGB.
 */
export function fillHole(rgba: Uint8Array, width: number, height: number, hole: Float32Array): Float32Array {
  type Level = { w: number; h: number; color: Float32Array; weight: Float32Array };
  const base: Level = { w: width, h: height, color: new Float32Array(width * height * 3), weight: new Float32Array(width * height) };
  for (let i = 0; i < width * height; i++) {
    const known = 1 - hole[i]!;
    base.weight[i] = known;
    for (let k = 0; k < 3; k++) base.color[i * 3 + k] = rgba[i * 4 + k]! * known;
  }
  // Push: weighted sums over 2×2 blocks; weights saturate at 1 so a level's known pixels stay sharp.
  const levels = [base];
  while (levels.at(-1)!.w > 1 || levels.at(-1)!.h > 1) {
    const fine = levels.at(-1)!;
    const w = Math.ceil(fine.w / 2);
    const h = Math.ceil(fine.h / 2);
    const coarse: Level = { w, h, color: new Float32Array(w * h * 3), weight: new Float32Array(w * h) };
    for (let y = 0; y < fine.h; y++)
      for (let x = 0; x < fine.w; x++) {
        const f = y * fine.w + x;
        const c = (y >> 1) * w + (x >> 1);
        coarse.weight[c]! += fine.weight[f]!;
        for (let k = 0; k < 3; k++) coarse.color[c * 3 + k]! += fine.color[f * 3 + k]!;
      }
    for (let c = 0; c < w * h; c++) {
      const scale = coarse.weight[c]! > 1 ? 1 / coarse.weight[c]! : 1;
      coarse.weight[c]! *= scale;
      for (let k = 0; k < 3; k++) coarse.color[c * 3 + k]! *= scale;
    }
    levels.push(coarse);
  }
  // Pull: normalised colour where known, the bilinear upsample of the coarser result elsewhere.
  let above = levels.at(-1)!;
  let filled = Float32Array.from({ length: 3 }, (_, k) => (above.weight[0]! > 0 ? above.color[k]! / above.weight[0]! : 0));
  for (let l = levels.length - 2; l >= 0; l--) {
    const level = levels[l]!;
    const next = new Float32Array(level.w * level.h * 3);
    const sample = (x: number, y: number, k: number) => {
      const fx = Math.min(above.w - 1, Math.max(0, x / 2 - 0.25));
      const fy = Math.min(above.h - 1, Math.max(0, y / 2 - 0.25));
      const [x0, y0] = [Math.floor(fx), Math.floor(fy)];
      const [x1, y1] = [Math.min(above.w - 1, x0 + 1), Math.min(above.h - 1, y0 + 1)];
      const [tx, ty] = [fx - x0, fy - y0];
      const v = (xx: number, yy: number) => filled[(yy * above.w + xx) * 3 + k]!;
      return (v(x0, y0) * (1 - tx) + v(x1, y0) * tx) * (1 - ty) + (v(x0, y1) * (1 - tx) + v(x1, y1) * tx) * ty;
    };
    for (let y = 0; y < level.h; y++)
      for (let x = 0; x < level.w; x++) {
        const i = y * level.w + x;
        const weight = level.weight[i]!;
        for (let k = 0; k < 3; k++) next[i * 3 + k] = level.color[i * 3 + k]! + (1 - weight) * sample(x, y, k);
      }
    filled = next;
    above = level;
  }
  return filled;
}

/**
 * The patch that takes the subject out of the background: RGBA, the filled colours where the hole is
 * (alpha = the feathered hole) and transparent elsewhere, laid over the original picture once.
 */
export function backgroundPatch(rgba: Uint8Array, matte: Uint8Array, width: number, height: number): Uint8Array {
  const hole = holeMask(matte, width, height, Math.max(2, Math.round(0.015 * Math.max(width, height))));
  const filled = fillHole(rgba, width, height, hole);
  const patch = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < 3; k++) patch[i * 4 + k] = Math.round(filled[i * 3 + k]!);
    patch[i * 4 + 3] = Math.round(255 * hole[i]!);
  }
  return patch;
}

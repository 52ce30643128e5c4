import type { CameraControl } from "../../validation/generation";
import { rng } from "./random";

/**
 * The virtual camera: a pinhole camera looking at flat picture planes (the image, or the layers of a
 * procedural scene at different depths). Each frame's view of a plane is a projective map, which
 * ffmpeg's `perspective` filter draws from its four corners.
 *
 * The camera math is written once over `Val`: called with numbers it evaluates (tests, framing),
 * called with ffmpeg expressions it builds the per-frame corner expressions ffmpeg evaluates.
 *
 * View units: the frame spans x ∈ [-A, A] (A = width / height), y ∈ [-1, 1], y pointing down.
 */

export type Val = number | string;

function lit(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`camera math produced ${n}`);
  const text = Math.abs(n) < 1e-12 ? "0" : n.toFixed(12).replace(/\.?0+$/, "");
  return n < 0 ? `(${text})` : text;
}
const str = (v: Val) => (typeof v === "number" ? lit(v) : v);

// Constant folding keeps expressions short: a pure zoom prints as a pure zoom.
function add(a: Val, b: Val): Val {
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (a === 0) return b;
  if (b === 0) return a;
  return `(${str(a)}+${str(b)})`;
}
function sub(a: Val, b: Val): Val {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (b === 0) return a;
  return `(${str(a)}-${str(b)})`;
}
function mul(a: Val, b: Val): Val {
  if (typeof a === "number" && typeof b === "number") return a * b;
  if (a === 0 || b === 0) return 0;
  if (a === 1) return b;
  if (b === 1) return a;
  return `(${str(a)}*${str(b)})`;
}
function div(a: Val, b: Val): Val {
  if (typeof a === "number" && typeof b === "number") return a / b;
  if (a === 0) return 0;
  if (b === 1) return a;
  return `(${str(a)}/${str(b)})`;
}
const fn = (name: "sin" | "cos" | "exp", f: (x: number) => number) => (a: Val): Val =>
  typeof a === "number" ? f(a) : `${name}(${a})`;
const sin = fn("sin", Math.sin);
const cos = fn("cos", Math.cos);
const exp = fn("exp", Math.exp);
const clip01 = (a: Val): Val => (typeof a === "number" ? Math.min(1, Math.max(0, a)) : `clip(${a},0,1)`);

/** Cosine ease in and out: zero speed at both ends. */
export function ease(u: Val): Val {
  return mul(0.5, sub(1, cos(mul(Math.PI, clip01(u)))));
}

const POSE_KEYS = ["x", "y", "z", "zoom", "yaw", "pitch", "roll"] as const;
export type PoseKey = (typeof POSE_KEYS)[number];
/**
 * x, y: camera position (view units, y down); z: dolly forward; zoom: log of the focal multiplier
 * (+ = narrower); yaw: turn right; pitch: look up; roll: clockwise. Angles in radians.
 */
export type Pose<T extends Val = Val> = Record<PoseKey, T>;

/** `key` goes from `from` to `to`, eased (or at constant speed), over [start, end] of the clip (0–1). */
export type Move = { key: PoseKey; from: number; to: number; start: number; end: number; linear?: boolean };
/** Handheld sway: a sine on `key`, in seconds so it feels the same in 5 s and 10 s clips. */
export type Sway = { key: PoseKey; amplitude: number; hz: number; phase: number };
export type CameraPath = { moves: Move[]; sway: Sway[] };

const deg = (d: number) => (d * Math.PI) / 180;

/**
 * Kling's camera axes (kling-api.md §1.7: horizontal − left/+ right, vertical − down/+ up, pan/tilt
 * rotations − left|down/+ right|up, roll − counter-clockwise/+ clockwise, zoom − narrower/+ wider),
 * one unit of value each. Translations and turns are centred on the picture (half the move either
 * side) to need the least overscan; zoom and roll start from the untouched framing.
 */
export const AXES = {
  horizontal: { key: "x", perUnit: 0.04, centred: true },
  vertical: { key: "y", perUnit: -0.04, centred: true },
  zoom: { key: "zoom", perUnit: -0.04, centred: false },
  pan: { key: "yaw", perUnit: deg(1), centred: true },
  tilt: { key: "pitch", perUnit: deg(1), centred: true },
  roll: { key: "roll", perUnit: deg(1), centred: false },
} as const satisfies Record<string, { key: PoseKey; perUnit: number; centred: boolean }>;

export const whole = (key: PoseKey, to: number): Move => ({ key, from: 0, to, start: 0, end: 1 });

/** What the camera does when no camera control is asked for: a slow push-in with a slight seeded drift. */
function gentleMove(seed: number): Move[] {
  const side = seed % 2 === 0 ? 1 : -1;
  return [whole("z", 0.07), { key: "x", from: -0.025 * side, to: 0.025 * side, start: 0, end: 1 }];
}

/** Kling's master shots, as combined moves ("then" = overlapping phases). */
const MASTER_SHOTS = {
  // descends and pulls back
  down_back: [whole("y", 0.16), whole("z", -0.3), whole("pitch", deg(-3))],
  // pushes in and tilts up
  forward_up: [whole("z", 0.3), whole("pitch", deg(5))],
  // turns, then advances
  right_turn_forward: [
    { key: "yaw", from: 0, to: deg(12), start: 0, end: 0.6 },
    { key: "z", from: 0, to: 0.3, start: 0.35, end: 1 },
  ],
  left_turn_forward: [
    { key: "yaw", from: 0, to: deg(-12), start: 0, end: 0.6 },
    { key: "z", from: 0, to: 0.3, start: 0.35, end: 1 },
  ],
} satisfies Record<string, Move[]>;

/**
 * The camera path for a request. `cfgScale` is Kling's creativity ↔ relevance: below 0.8 the camera
 * gets seeded drift and handheld sway, growing as it goes to 0; from 0.8 it keeps to the path.
 */
export function cameraPath(
  control: CameraControl | undefined,
  cfgScale: number,
  seed: number,
  idle: Move[] = gentleMove(seed),
): CameraPath {
  const random = rng(seed ^ 0x5eed);
  let moves: Move[];
  if (!control) moves = idle;
  else if (control.type === "master") {
    moves = MASTER_SHOTS[control.shot];
  } else {
    const axis = AXES[control.axis];
    const amount = axis.perUnit * control.value;
    moves = [axis.centred ? { key: axis.key, from: -amount / 2, to: amount / 2, start: 0, end: 1 } : whole(axis.key, amount)];
  }
  const freedom = Math.min(1, Math.max(0, (0.8 - cfgScale) / 0.8));
  if (freedom === 0) return { moves, sway: [] };
  const wobble = (key: PoseKey, amplitude: number, minHz: number, maxHz: number): Sway => ({
    key,
    amplitude: amplitude * freedom,
    hz: random.range(minHz, maxHz),
    phase: random.range(0, 2 * Math.PI),
  });
  return {
    moves: [...moves, whole("x", 0.04 * freedom * random.range(-1, 1)), whole("y", 0.025 * freedom * random.range(-1, 1))],
    sway: [
      wobble("x", 0.01, 0.15, 0.35),
      wobble("x", 0.005, 0.5, 0.9),
      wobble("y", 0.008, 0.2, 0.4),
      wobble("y", 0.004, 0.6, 1),
      wobble("roll", deg(0.35), 0.1, 0.3),
    ],
  };
}

/** The pose at clip progress `t` (0–1) and time `seconds`. */
export function poseAt(path: CameraPath, t: Val, seconds: Val): Pose {
  const pose: Pose = { x: 0, y: 0, z: 0, zoom: 0, yaw: 0, pitch: 0, roll: 0 };
  for (const m of path.moves) {
    const u = div(sub(t, m.start), m.end - m.start);
    const progress = m.linear ? clip01(u) : ease(u);
    pose[m.key] = add(pose[m.key], add(m.from, mul(m.to - m.from, progress)));
  }
  for (const s of path.sway) {
    pose[s.key] = add(pose[s.key], mul(s.amplitude, sin(add(mul(2 * Math.PI * s.hz, seconds), s.phase))));
  }
  return pose;
}

/** Focal length in view units: a 45° vertical field of view, a natural lens. */
const FOCAL = 2.4;

/**
 * Where the view point (u, v) lands on the picture plane at `depth` (1 = the reference plane; larger
 * is farther, so camera translation moves it less: parallax), in that plane's own view units.
 */
export function project(pose: Pose, u: number, v: number, depth: number): { x: Val; y: Val } {
  // The ray through (u, v): roll about the view axis, then pitch (up = −y), then yaw (right = +x).
  const rz = mul(FOCAL, exp(pose.zoom));
  const [cr, sr] = [cos(pose.roll), sin(pose.roll)];
  const rx = sub(mul(u, cr), mul(v, sr));
  const ry = add(mul(u, sr), mul(v, cr));
  const [cp, sp] = [cos(pose.pitch), sin(pose.pitch)];
  const py = sub(mul(ry, cp), mul(rz, sp));
  const pz = add(mul(ry, sp), mul(rz, cp));
  const [cy, sy] = [cos(pose.yaw), sin(pose.yaw)];
  const dx = add(mul(rx, cy), mul(pz, sy));
  const dz = sub(mul(pz, cy), mul(rx, sy));
  // The plane sits at distance FOCAL·depth, so at rest it exactly fills the view.
  const along = div(sub(FOCAL * depth, pose.z), dz);
  return { x: div(add(pose.x, mul(along, dx)), depth), y: div(add(pose.y, mul(along, py)), depth) };
}

/** The view's corners, in perspective-filter order: top left, top right, bottom left, bottom right. */
export const corners = (aspect: number): [number, number][] => [
  [-aspect, -1],
  [aspect, -1],
  [-aspect, 1],
  [aspect, 1],
];

export type Framing = {
  /** How much larger than the view the plane must be so no frame looks past its edges (≥ 1). */
  overscan: number;
  /** The most the plane is enlarged on screen in any frame, relative to it fitting the view. */
  magnification: number;
};

/** Evaluates the path at every frame to size the plane at `depth`. */
export function framing(path: CameraPath, frames: number, fps: number, aspect: number, depth: number): Framing {
  let overscan = 1;
  let smallestArea = Infinity;
  for (let n = 0; n < frames; n++) {
    const pose = poseAt(path, n / (frames - 1), n / fps);
    const quad = corners(aspect).map(([u, v]) => project(pose, u, v, depth) as { x: number; y: number });
    for (const p of quad) overscan = Math.max(overscan, Math.abs(p.x) / aspect, Math.abs(p.y));
    const [a, b, c, d] = quad as [(typeof quad)[0], (typeof quad)[0], (typeof quad)[0], (typeof quad)[0]];
    // Shoelace over the quad's outline a → b → d → c.
    const area = 0.5 * Math.abs(a.x * b.y - b.x * a.y + b.x * d.y - d.x * b.y + d.x * c.y - c.x * d.y + c.x * a.y - a.x * c.y);
    smallestArea = Math.min(smallestArea, area);
  }
  return { overscan, magnification: overscan * Math.sqrt((4 * aspect) / smallestArea) };
}

/** ffmpeg's frame index inside `perspective` (its `on` counts from 1). */
const FRAME = "(on-1)";

/** Pose values as ffmpeg expressions at frame `frame`: each moving one stored once (st) and read back (ld). */
function storedPose(path: CameraPath, frames: number, fps: number, frame: string): { prefix: string; vars: Pose } {
  const pose = poseAt(path, div(frame, frames - 1), div(frame, fps));
  const stores: string[] = [];
  const vars = {} as Pose;
  POSE_KEYS.forEach((key, i) => {
    const value = pose[key];
    if (typeof value === "number") vars[key] = value;
    else {
      stores.push(`st(${i},${value});`);
      vars[key] = `ld(${i})`;
    }
  });
  return { prefix: stores.join(""), vars };
}

/** Keys that keep every frame's view an upright rectangle of each plane: camera shifts, dolly and zoom, no turn or roll. */
const UPRIGHT_KEYS: ReadonlySet<PoseKey> = new Set<PoseKey>(["x", "y", "z", "zoom"]);

/** Whether the path only slides and scales the view over the plane, so a crop-and-scale draws it (no perspective warp). */
export function isUpright(path: CameraPath): boolean {
  return [...path.moves, ...path.sway].every((m) => UPRIGHT_KEYS.has(m.key));
}

/** Keys that move the view over each plane without changing its size: camera shifts only. */
const SLIDING_KEYS: ReadonlySet<PoseKey> = new Set<PoseKey>(["x", "y"]);

/** Whether the path only slides the view over the plane, so a fixed-size crop draws it (no scaling per frame). */
export function isSliding(path: CameraPath): boolean {
  return [...path.moves, ...path.sway].every((m) => SLIDING_KEYS.has(m.key));
}

/** The view's centre and right edge on the plane at `depth` at frame `frame` (an ffmpeg variable), in fractions of a picture covering `overscan` × the view. */
function viewOnPicture(path: CameraPath, frames: number, fps: number, aspect: number, depth: number, overscan: number, frame: string) {
  const { prefix, vars } = storedPose(path, frames, fps, frame);
  const centre = project(vars, 0, 0, depth);
  const edge = project(vars, aspect, 0, depth);
  return {
    prefix,
    /** Half the view's width over the picture's width. */
    halfWidth: div(sub(edge.x, centre.x), 2 * aspect * overscan),
    left: mul(add(div(centre.x, aspect * overscan), 1), 0.5),
    top: mul(add(div(centre.y, overscan), 1), 0.5),
  };
}

/**
 * For an upright path: the `zoompan` expressions (z, x, y) that crop the plane at `depth`, drawn as a
 * picture of iw×ih covering `overscan` times the view, to each frame's view. zoompan crops whole pixels
 * (its width is iw/z truncated, its corner truncated), so the width is rounded to the nearest pixel and z
 * chosen to give exactly it, and the corner is rounded so the crop stays centred on the exact view:
 * every edge is within half a picture pixel of where the perspective warp would put it.
 */
export function cropExpressions(path: CameraPath, frames: number, fps: number, aspect: number, depth: number, overscan: number): { z: string; x: string; y: string } {
  // zoompan's `on` is the output frame index, from 0.
  const { prefix, halfWidth, left, top } = viewOnPicture(path, frames, fps, aspect, depth, overscan, "on");
  // The crop's width in picture pixels, whole; its height follows from z as zoompan computes it.
  const width = `floor(${str(mul(mul(halfWidth, 2), "iw"))}+0.5)`;
  const height = `floor(ih*(${width}+0.5)/iw)`;
  return {
    // +0.5: iw/z is then width + 0.5, which zoompan truncates to width whatever the rounding of the division.
    z: `${prefix}iw/(${width}+0.5)`,
    x: `${prefix}floor(${str(mul(left, "iw"))}-${width}/2+0.5)`,
    y: `${prefix}floor(${str(mul(top, "ih"))}-${height}/2+0.5)`,
  };
}

/**
 * For a sliding path: the `crop` corner expressions (x, y) of an ow×oh crop of the plane at `depth`,
 * drawn as a picture of iw×ih covering `overscan` times the view, rounded to the nearest whole pixel.
 */
export function slideExpressions(path: CameraPath, frames: number, fps: number, aspect: number, depth: number, overscan: number): { x: string; y: string } {
  // crop's `n` is the frame index, from 0.
  const { prefix, left, top } = viewOnPicture(path, frames, fps, aspect, depth, overscan, "n");
  return { x: `${prefix}floor(${str(mul(left, "iw"))}-ow/2+0.5)`, y: `${prefix}floor(${str(mul(top, "ih"))}-oh/2+0.5)` };
}

/**
 * The eight corner expressions (x0, y0, … x3, y3) of a `perspective` filter (eval=frame, sense=source)
 * that shows the plane at `depth`, drawn as a picture of W×H covering `overscan` times the view.
 * With `window`, the filter draws only the part of the view at `viewCorners` (view units, in the
 * filter's corner order), from the picture (of `picture` size) cropped at `origin`.
 */
export function cornerExpressions(
  path: CameraPath,
  frames: number,
  fps: number,
  aspect: number,
  depth: number,
  overscan: number,
  window?: { viewCorners: [number, number][]; picture: { width: number; height: number }; origin: { x: number; y: number } },
): string[] {
  // Each moving pose value is computed once per expression into a variable (st/ld), not repeated.
  const { prefix, vars } = storedPose(path, frames, fps, FRAME);
  return (window?.viewCorners ?? corners(aspect)).flatMap(([u, v]) => {
    const p = project(vars, u, v, depth);
    const x = mul(add(div(p.x, aspect * overscan), 1), window ? window.picture.width / 2 : "W/2");
    const y = mul(add(div(p.y, overscan), 1), window ? window.picture.height / 2 : "H/2");
    return [prefix + str(window ? sub(x, window.origin.x) : x), prefix + str(window ? sub(y, window.origin.y) : y)];
  });
}

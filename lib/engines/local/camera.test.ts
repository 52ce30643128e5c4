import { describe, expect, it } from "vitest";
import { CAMERA_AXES, MASTER_SHOTS, type CameraControl } from "../../validation/generation";
import { cameraPath, cornerExpressions, ease, framing, poseAt, project, type CameraPath } from "./camera";

const A = 16 / 9;
const at = (path: CameraPath, t: number, seconds = t * 5) => poseAt(path, t, seconds);
/** Where the view point (u, v) looks on the reference plane at progress t. */
const look = (path: CameraPath, t: number, u = 0, v = 0) => project(at(path, t), u, v, 1) as { x: number; y: number };
/** Area of the view's footprint on the plane (bigger = wider view). */
function footprint(path: CameraPath, t: number): number {
  const [a, b, c, d] = [look(path, t, -A, -1), look(path, t, A, -1), look(path, t, -A, 1), look(path, t, A, 1)];
  return 0.5 * Math.abs(a.x * b.y - b.x * a.y + b.x * d.y - d.x * b.y + d.x * c.y - c.x * d.y + c.x * a.y - a.x * c.y);
}
const axis = (a: (typeof CAMERA_AXES)[number], value: number): CameraControl => ({ type: "axis", axis: a, value });
const strict = (control: CameraControl) => cameraPath(control, 1, 7);

describe("ease", () => {
  it("starts at 0, ends at 1, passes 0.5 halfway, with no speed at either end", () => {
    expect(ease(0)).toBe(0);
    expect(ease(1)).toBeCloseTo(1, 12);
    expect(ease(0.5)).toBeCloseTo(0.5, 12);
    expect(ease(1e-3) as number).toBeLessThan(1e-5);
    expect(1 - (ease(1 - 1e-3) as number)).toBeLessThan(1e-5);
    expect(ease(-1)).toBe(0);
    expect(ease(2)).toBeCloseTo(1, 12);
  });
});

describe("camera axes follow Kling's signs", () => {
  // For each axis: what grows from the first frame to the last when the value is positive.
  const growsWhenPositive: Record<(typeof CAMERA_AXES)[number], (p: CameraPath) => number> = {
    horizontal: (p) => look(p, 1).x - look(p, 0).x, // camera moves right: sees further right
    vertical: (p) => look(p, 0).y - look(p, 1).y, // camera moves up: sees higher (y is down)
    zoom: (p) => footprint(p, 1) - footprint(p, 0), // + is a wider view
    pan: (p) => look(p, 1).x - look(p, 0).x, // turns right
    tilt: (p) => look(p, 0).y - look(p, 1).y, // turns up
    roll: (p) => look(p, 1, 1, 0).y - look(p, 0, 1, 0).y, // clockwise: the view's right side dips
  };
  for (const name of CAMERA_AXES) {
    it(`${name}: + and − move opposite ways, as much as the value says`, () => {
      const measure = growsWhenPositive[name];
      expect(measure(strict(axis(name, 4)))).toBeGreaterThan(0);
      expect(measure(strict(axis(name, -4)))).toBeLessThan(0);
      // Magnitude proportional to the value: twice the value, twice the move (zoom: twice the log).
      const move = (value: number) => {
        const path = strict(axis(name, value));
        if (name === "zoom") return Math.log(footprint(path, 1) / footprint(path, 0));
        if (name === "roll") return Math.atan2(look(path, 1, 1, 0).y, look(path, 1, 1, 0).x);
        return measure(path);
      };
      expect(move(6) / move(3)).toBeCloseTo(2, name === "pan" || name === "tilt" ? 1 : 6);
      expect(move(-10) / move(-5)).toBeCloseTo(2, name === "pan" || name === "tilt" ? 1 : 6);
    });
  }

  it("roll turns the view about its centre by the value in degrees", () => {
    const end = look(strict(axis("roll", 10)), 1, 1, 0);
    expect((Math.atan2(end.y, end.x) * 180) / Math.PI).toBeCloseTo(10, 6);
  });
});

describe("master shots", () => {
  const shot = (name: (typeof MASTER_SHOTS)[number]) => strict({ type: "master", shot: name });
  it("down_back descends and pulls back; forward_up pushes in and looks up", () => {
    expect(look(shot("down_back"), 1).y).toBeGreaterThan(look(shot("down_back"), 0).y);
    expect(footprint(shot("down_back"), 1)).toBeGreaterThan(footprint(shot("down_back"), 0));
    expect(look(shot("forward_up"), 1).y).toBeLessThan(look(shot("forward_up"), 0).y);
    expect(footprint(shot("forward_up"), 1)).toBeLessThan(footprint(shot("forward_up"), 0));
  });
  it("the turns turn first, then advance", () => {
    for (const [name, side] of [["right_turn_forward", 1], ["left_turn_forward", -1]] as const) {
      const path = shot(name);
      expect(Math.sign(look(path, 0.5).x - look(path, 0).x)).toBe(side);
      expect(at(path, 0.3).z).toBe(0); // not advancing yet
      expect(at(path, 0.6).yaw).toBeCloseTo(at(path, 1).yaw as number, 12); // done turning
      expect(footprint(path, 1)).toBeLessThan(footprint(path, 0.6)); // advancing at the end
    }
  });
});

describe("creativity (cfgScale)", () => {
  it("keeps strictly to the path at high relevance", () => {
    const path = cameraPath(axis("horizontal", 5), 0.9, 3);
    expect(path.sway).toEqual([]);
    expect(path.moves).toHaveLength(1);
  });
  it("adds seeded drift and sway at low relevance, more as it goes to 0", () => {
    const loose = cameraPath(axis("horizontal", 5), 0, 3);
    const some = cameraPath(axis("horizontal", 5), 0.5, 3);
    expect(loose.sway.length).toBeGreaterThan(0);
    expect(Math.abs(loose.sway[0]!.amplitude)).toBeGreaterThan(Math.abs(some.sway[0]!.amplitude));
    expect(cameraPath(axis("horizontal", 5), 0, 3)).toEqual(loose);
    expect(cameraPath(axis("horizontal", 5), 0, 4)).not.toEqual(loose);
  });
  it("without a camera control, moves gently", () => {
    const path = cameraPath(undefined, 1, 1);
    const shift = Math.hypot(look(path, 1).x - look(path, 0).x, look(path, 1).y - look(path, 0).y);
    expect(shift).toBeGreaterThan(0.01);
    expect(footprint(path, 1) / footprint(path, 0)).toBeGreaterThan(0.8);
  });
});

describe("framing", () => {
  it("needs no overscan for a push-in and enlarges by the zoom", () => {
    const f = framing(strict(axis("zoom", -10)), 120, 24, A, 1);
    expect(f.overscan).toBeCloseTo(1, 9);
    expect(f.magnification).toBeCloseTo(Math.exp(0.4), 6);
  });
  it("overscans enough that no frame looks past the picture", () => {
    for (const name of CAMERA_AXES) {
      const path = cameraPath(axis(name, 10), 0, 5);
      const { overscan } = framing(path, 48, 24, A, 1);
      for (let n = 0; n < 48; n++)
        for (const [u, v] of [[-A, -1], [A, -1], [-A, 1], [A, 1]] as const) {
          const p = project(poseAt(path, n / 47, n / 24), u, v, 1) as { x: number; y: number };
          expect(Math.abs(p.x) / A).toBeLessThanOrEqual(overscan + 1e-9);
          expect(Math.abs(p.y)).toBeLessThanOrEqual(overscan + 1e-9);
        }
    }
  });
  it("moves far planes less than near ones (parallax)", () => {
    const path = strict(axis("horizontal", 10));
    const shift = (depth: number) => (project(at(path, 1), 0, 0, depth).x as number) - (project(at(path, 0), 0, 0, depth).x as number);
    expect(shift(1)).toBeGreaterThan(shift(3));
    expect(shift(3)).toBeGreaterThan(shift(30));
  });
});

/** Evaluates an ffmpeg expression (the subset cornerExpressions writes) in JavaScript. */
function evaluate(expression: string, vars: { on: number; W: number; H: number }): number {
  const memory: number[] = [];
  const js = `(${expression.replaceAll(";", ",")})`;
  const run = new Function("on", "W", "H", "st", "ld", "clip", "sin", "cos", "exp", `return ${js};`);
  return run(
    vars.on, vars.W, vars.H,
    (i: number, v: number) => (memory[i] = v),
    (i: number) => memory[i],
    (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x)),
    Math.sin, Math.cos, Math.exp,
  );
}

describe("corner expressions", () => {
  it("compute per frame what the numeric camera computes", () => {
    const frames = 120;
    for (const path of [cameraPath(axis("roll", -7), 0.1, 9), strict({ type: "master", shot: "right_turn_forward" }), cameraPath(undefined, 0.3, 2)]) {
      const depth = 2.5;
      const overscan = framing(path, frames, 24, A, depth).overscan;
      const exprs = cornerExpressions(path, frames, 24, A, depth, overscan);
      for (const n of [0, 37, 119]) {
        const pose = poseAt(path, n / (frames - 1), n / 24);
        [[-A, -1], [A, -1], [-A, 1], [A, 1]].forEach(([u, v], k) => {
          const p = project(pose, u!, v!, depth) as { x: number; y: number };
          expect(evaluate(exprs[2 * k]!, { on: n + 1, W: 1280, H: 720 })).toBeCloseTo(((p.x / (A * overscan) + 1) * 1280) / 2, 6);
          expect(evaluate(exprs[2 * k + 1]!, { on: n + 1, W: 1280, H: 720 })).toBeCloseTo(((p.y / overscan + 1) * 720) / 2, 6);
        });
      }
    }
  });
  it("fold away what does not move", () => {
    const [x0] = cornerExpressions(strict(axis("zoom", -5)), 120, 24, A, 1, 1);
    expect(x0).not.toMatch(/sin|ld\([0-2456]\)/);
  });
});

import { corners, poseAt, project, type CameraPath } from "./camera";

/**
 * Where a part of a plane shows in the view over a whole camera path: the view→plane map of each
 * frame is projective (a 3×3 matrix fitted to the four view corners), so its inverse takes the part's
 * corners back into the view. A plane with content only in a small box (a subject's cut-out, an
 * element) then needs its warp drawn over that part of the view alone.
 */

type Point = { x: number; y: number };
/** A rectangle by its edges: view units, or plane units (the picture's edges at ±overscan). */
export type Extent = { left: number; top: number; right: number; bottom: number };

/** The 3×3 matrix (row-major, last entry 1) taking each `from` point to its `to` point: four points, none three in a line. */
function fitProjective(from: Point[], to: Point[]): number[] {
  // Eight equations in the eight unknowns, solved by Gaussian elimination with partial pivoting.
  const rows = from.flatMap(({ x, y }, i) => {
    const { x: u, y: v } = to[i]!;
    return [
      [x, y, 1, 0, 0, 0, -u * x, -u * y, u],
      [0, 0, 0, x, y, 1, -v * x, -v * y, v],
    ];
  });
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(rows[r]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = r;
    [rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const factor = rows[r]![col]! / rows[col]![col]!;
      for (let c = col; c < 9; c++) rows[r]![c]! -= factor * rows[col]![c]!;
    }
  }
  return [...rows.map((row, i) => row[8]! / row[i]!), 1];
}

/** The projective map's inverse (the adjugate: scale does not matter). */
function invert(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  return [e * i - f * h, c * h - b * i, b * f - c * e, f * g - d * i, a * i - c * g, c * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d];
}

/** The point's image, or null when it lies behind the camera (on the far side of the line at infinity). */
function apply(m: number[], { x, y }: Point, sign: number): Point | null {
  const w = m[6]! * x + m[7]! * y + m[8]!;
  if (w * sign <= 0) return null;
  return { x: (m[0]! * x + m[1]! * y + m[2]!) / w, y: (m[3]! * x + m[4]! * y + m[5]!) / w };
}

/**
 * The smallest rectangle of the view (view units, clipped to the view) in which `box` on the plane at
 * `depth` appears at some frame of the path; null when it never does. When part of the box passes
 * behind the camera the whole view is returned, which is never wrong.
 */
export function viewExtent(path: CameraPath, frames: number, fps: number, aspect: number, depth: number, box: Extent): Extent | null {
  const view = { left: -aspect, top: -1, right: aspect, bottom: 1 };
  const seen = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  const boxCorners = [
    { x: box.left, y: box.top },
    { x: box.right, y: box.top },
    { x: box.left, y: box.bottom },
    { x: box.right, y: box.bottom },
  ];
  const viewCorners = corners(aspect).map(([x, y]) => ({ x, y }));
  for (let n = 0; n < frames; n++) {
    const pose = poseAt(path, n / Math.max(1, frames - 1), n / fps);
    const onPlane = viewCorners.map(({ x, y }) => project(pose, x, y, depth) as Point);
    const toView = invert(fitProjective(viewCorners, onPlane));
    // The sign of w at a point known to be in front of the camera: the view's centre, seen on the plane.
    const centre = project(pose, 0, 0, depth) as Point;
    const sign = Math.sign(toView[6]! * centre.x + toView[7]! * centre.y + toView[8]!);
    for (const corner of boxCorners) {
      const p = apply(toView, corner, sign);
      if (!p) return view;
      seen.left = Math.min(seen.left, p.x);
      seen.top = Math.min(seen.top, p.y);
      seen.right = Math.max(seen.right, p.x);
      seen.bottom = Math.max(seen.bottom, p.y);
    }
  }
  const clipped = {
    left: Math.max(view.left, seen.left),
    top: Math.max(view.top, seen.top),
    right: Math.min(view.right, seen.right),
    bottom: Math.min(view.bottom, seen.bottom),
  };
  return clipped.left < clipped.right && clipped.top < clipped.bottom ? clipped : null;
}

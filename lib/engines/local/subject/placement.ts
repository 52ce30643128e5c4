import type { CameraPath } from "../camera";
import type { Size } from "../geometry";
import type { Box } from "./fill";
import type { Standing } from "./depth";

/**
 * Pixel geometry of subject plates. A plate is a clip-sized picture covering `overscan` times the
 * view (as the scene's painted layers are), so plate pixels are 2·overscan / clip height view units.
 */

const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/** How a cut-out is drawn into its plate: scaled to `scaled`, cropped to what lies on the plate, placed at `at`. */
export type CutoutPlacement = { scaled: Size; crop: Box; at: { x: number; y: number } };

/**
 * Places the cut-out `box` of a matte (matte pixels) standing at `where` on a plate of `clip` size
 * covering `overscan` × the view; null when none of it falls on the plate.
 */
export function placeCutout(box: Box, where: Standing, clip: Size, overscan: number): CutoutPlacement | null {
  const unit = (2 * overscan) / clip.height;
  const height = Math.max(1, Math.round(where.height / unit));
  const width = Math.max(1, Math.round((box.width / box.height) * height));
  const left = Math.round(clip.width / 2 + where.x / unit - width / 2);
  const top = Math.round(clip.height / 2 + where.feet / unit - height);
  const x0 = Math.max(0, -left);
  const y0 = Math.max(0, -top);
  const x1 = Math.min(width, clip.width - left);
  const y1 = Math.min(height, clip.height - top);
  if (x1 <= x0 || y1 <= y0) return null;
  return { scaled: { width, height }, crop: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, at: { x: left + x0, y: top + y0 } };
}

/**
 * The start frame's subject on its own plane: the image fills `imageOverscan` × the view on the
 * background plane; on the subject's plate (covering `plateOverscan` ≥ that) it must keep the same
 * place at rest, so it is drawn smaller, centred, with transparent margins.
 */
export function startFrameCutout(clip: Size, imageOverscan: number, plateOverscan: number): Size {
  const k = imageOverscan / Math.max(imageOverscan, plateOverscan);
  return { width: Math.min(clip.width, even(clip.width * k)), height: Math.min(clip.height, even(clip.height * k)) };
}

/** Whether planes at different depths move differently on this path: only a moving camera shows parallax (turns and zooms do not). */
export function hasParallax(camera: CameraPath): boolean {
  return [...camera.moves, ...camera.sway].some(({ key }) => key === "x" || key === "y" || key === "z");
}

import { cornerExpressions, cropExpressions, framing, isSliding, isUpright, slideExpressions, type CameraPath } from "./camera";
import type { Size } from "./geometry";
import { viewExtent } from "./window";

/**
 * ffmpeg filter graphs and arguments. A still picture is scaled and converted once, then moved per
 * frame: by `crop` alone (no resampling per frame) when the camera only slides over it, by `zoompan`
 * (a crop and a scale) when it also zooms or dollies, else repeated by `loop` (no per-frame decoding),
 * given exact timestamps and warped by `perspective` (several times the cost of the encode).
 */

export type Clip = Size & { fps: number; frames: number };

/** A still picture of `size` repeated for every frame of the clip: the start of every plane's chain. */
export function stillChain(input: string, clip: Clip, size: Size, pixelFormat: "yuv420p" | "yuva420p" | "yuv444p" | "yuva444p"): string {
  return `${input}scale=${size.width}:${size.height},format=${pixelFormat},loop=loop=${clip.frames - 1}:size=1:start=0,settb=1/${clip.fps},setpts=N`;
}

/**
 * The `perspective` filter showing the plane at `depth` along `path`; the picture covers `overscan` × the view.
 * With `window`, only a part of the view, from a crop of the picture (cornerExpressions).
 */
export function perspectiveFilter(path: CameraPath, clip: Clip, depth: number, overscan: number, window?: Parameters<typeof cornerExpressions>[6]): string {
  const exprs = cornerExpressions(path, clip.frames, clip.fps, clip.width / clip.height, depth, overscan, window);
  const options = exprs.map((e, i) => `${i % 2 ? "y" : "x"}${i >> 1}='${e}'`);
  return `perspective=${options.join(":")}:interpolation=linear:eval=frame`;
}

/**
 * The plane at `depth` moved along `path`: `input` is a still picture covering `overscan` × the view,
 * drawn at `size` (at least the clip's, larger to keep a magnified picture sharp). The clip comes out
 * at the clip's size in `pixelFormat`.
 *
 * An upright path is cropped and scaled by zoompan from one frame (in 4:4:4, where zoompan places crops
 * on whole pixels; in 4:2:0 it would snap them to even ones): each edge within half a pixel of `size`
 * of the warp's, which is a small fraction of an output pixel. A sliding path needs no scaling per
 * frame: the picture is drawn once at the size where the view is the clip's (whatever `size`), and a
 * clip-sized crop (in 4:4:4, for the same reason) slides over it on whole pixels, each edge within
 * three quarters of an output pixel of the warp's.
 */
export function movingPlane(
  input: string,
  path: CameraPath,
  clip: Clip,
  size: Size,
  depth: number,
  overscan: number,
  pixelFormat: "yuv420p" | "yuva420p",
): string {
  const full = pixelFormat === "yuv420p" ? "yuv444p" : "yuva444p";
  if (isSliding(path)) {
    const { x, y } = slideExpressions(path, clip.frames, clip.fps, clip.width / clip.height, depth, overscan);
    // Rounded, not to even sizes: 4:4:4 takes any, and the view is then within half a pixel of the clip's size.
    const picture = { width: Math.round(clip.width * overscan), height: Math.round(clip.height * overscan) };
    return `${stillChain(input, clip, picture, full)},crop=w=${clip.width}:h=${clip.height}:x='${x}':y='${y}',format=${pixelFormat}`;
  }
  if (isUpright(path)) {
    const { z, x, y } = cropExpressions(path, clip.frames, clip.fps, clip.width / clip.height, depth, overscan);
    return (
      `${input}scale=${size.width}:${size.height},format=${full},` +
      `zoompan=z='${z}':x='${x}':y='${y}':d=${clip.frames}:s=${clip.width}x${clip.height}:fps=${clip.fps},` +
      `format=${pixelFormat},settb=1/${clip.fps},setpts=N`
    );
  }
  const downscale = size.width === clip.width && size.height === clip.height ? "" : `,scale=${clip.width}:${clip.height}`;
  return `${stillChain(input, clip, size, pixelFormat)},${perspectiveFilter(path, clip, depth, overscan)}${downscale}`;
}

/** A part of the clip, in whole pixels. */
export type Rect = { x: number; y: number; width: number; height: number };

/** Pixels of transparent margin kept around the content, so the warp's clamped edge samples are clear. */
const MARGIN = 4;
const evenDown = (n: number) => 2 * Math.floor(n / 2);
const evenUp = (n: number) => 2 * Math.ceil(n / 2);

/**
 * A transparent plane whose clip-sized picture (covering `overscan` × the view) is clear outside
 * `content` (picture pixels), moved along `path` like movingPlane, as `[label]` to overlay at `at`.
 * Under the perspective warp only the part of the view the content can reach over the path is
 * drawn, from a crop of the picture of the same size around the content: the same samples as the
 * whole frame's warp, at a fraction of its cost for a subject or an element that fills part of the
 * frame. Null when the content never shows.
 */
export function windowedPlane(input: string, path: CameraPath, clip: Clip, depth: number, overscan: number, content: Rect, label: string): { chain: string; at: { x: number; y: number } } | null {
  const whole = () => ({ chain: `${movingPlane(input, path, clip, clip, depth, overscan, "yuva420p")}${label}`, at: { x: 0, y: 0 } });
  if (isUpright(path)) return whole();
  const aspect = clip.width / clip.height;
  const toPlaneX = (px: number) => (px / clip.width * 2 - 1) * aspect * overscan;
  const toPlaneY = (py: number) => (py / clip.height * 2 - 1) * overscan;
  const extent = viewExtent(path, clip.frames, clip.fps, aspect, depth, {
    left: toPlaneX(content.x),
    top: toPlaneY(content.y),
    right: toPlaneX(content.x + content.width),
    bottom: toPlaneY(content.y + content.height),
  });
  if (!extent) return null;
  // The window in clip pixels, even (4:2:0), with a margin; at least the content's size plus margins, so the crop holds it.
  let left = evenDown(((extent.left / aspect + 1) * clip.width) / 2 - MARGIN);
  let top = evenDown(((extent.top + 1) * clip.height) / 2 - MARGIN);
  let width = evenUp(((extent.right / aspect + 1) * clip.width) / 2 + MARGIN) - left;
  let height = evenUp(((extent.bottom + 1) * clip.height) / 2 + MARGIN) - top;
  const [minWidth, minHeight] = [evenUp(content.width + 2 * MARGIN), evenUp(content.height + 2 * MARGIN)];
  if (width < minWidth) [left, width] = [left - evenUp((minWidth - width) / 2), width + 2 * evenUp((minWidth - width) / 2)];
  if (height < minHeight) [top, height] = [top - evenUp((minHeight - height) / 2), height + 2 * evenUp((minHeight - height) / 2)];
  if (width * height >= clip.width * clip.height) return whole();
  // The crop: the window's size, centred on the content; the picture is padded clear where it runs past an edge.
  const origin = { x: evenDown(content.x + content.width / 2 - width / 2), y: evenDown(content.y + content.height / 2 - height / 2) };
  const pad = evenUp(Math.max(0, -origin.x, -origin.y, origin.x + width - clip.width, origin.y + height - clip.height));
  const padded = pad ? `pad=${clip.width + 2 * pad}:${clip.height + 2 * pad}:${pad}:${pad}:color=black@0,` : "";
  const [u0, u1] = [(left / clip.width * 2 - 1) * aspect, ((left + width) / clip.width * 2 - 1) * aspect];
  const [v0, v1] = [(top / clip.height) * 2 - 1, ((top + height) / clip.height) * 2 - 1];
  const warp = perspectiveFilter(path, clip, depth, overscan, { viewCorners: [[u0, v0], [u1, v0], [u0, v1], [u1, v1]], picture: clip, origin });
  const crop = `${input}${padded}crop=${width}:${height}:${origin.x + pad}:${origin.y + pad},`;
  return { chain: `${stillChain(crop, clip, { width, height }, "yuva420p")},${warp}${label}`, at: { x: left, y: top } };
}

/**
 * Under the perspective warp, the enlargement below which the picture is drawn at the clip's size:
 * the warp costs per pixel drawn, and scaling its frames back down costs as much again, while a
 * picture enlarged by under 30% (turns and tilts of a few degrees, handheld sway, a short push) only
 * softens a little. Crops and zoompan's scale cost little more at a larger size, so they always draw sharp.
 */
const WARP_SHARPENS_FROM = 1.3;

/**
 * The working size for an image moved by `path`: enlarged past the frame size when the camera
 * magnifies it and the image has the pixels for it (then scaled back down per frame), so zooms stay sharp.
 */
function workingSize(path: CameraPath, clip: Clip, image: Size): { size: Size; overscan: number } {
  const { overscan, magnification } = framing(path, clip.frames, clip.fps, clip.width / clip.height, 1);
  const enlarge = isUpright(path) || magnification >= WARP_SHARPENS_FROM ? magnification : 1;
  const factor = Math.max(1, Math.min(enlarge, image.width / clip.width, image.height / clip.height, 2));
  const even = (n: number) => 2 * Math.round(n / 2);
  return { size: { width: even(clip.width * factor), height: even(clip.height * factor) }, overscan };
}

/** A moving image: `[label]` is the clip. */
export function imagePlane(input: string, path: CameraPath, clip: Clip, image: Size, label: string): string {
  const { size, overscan } = workingSize(path, clip, image);
  return `${movingPlane(input, path, clip, size, 1, overscan, "yuv420p")}${label}`;
}

/**
 * Splits [v] into [video] and [poster], its first frame. (A later frame would stall ffmpeg's progress
 * reports until it is reached: the transcode loop waits on the poster output first.) The formats are
 * pinned on both sides of the split, else the JPEG encoder's full-range format would be negotiated
 * for the video too, adding two conversions.
 */
export const POSTER_TAP = "[v]format=yuv420p,split[video][still];[still]trim=end_frame=1,format=yuvj420p[poster]";

export type Outputs = { videoPath: string; posterPath: string; clip: Clip; audio: boolean };

/** Encoding: H.264 yuv420p, a fixed thread count and bitexact muxing so the same job gives the same bytes. */
export function outputArgs({ videoPath, posterPath, clip, audio }: Outputs): string[] {
  const bitexact = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1"];
  return [
    ...["-map", "[video]", "-frames:v", String(clip.frames), "-r", String(clip.fps)],
    ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "21", "-pix_fmt", "yuv420p", "-threads", "2"],
    ...(audio ? ["-map", "[audio]", "-c:a", "aac", "-b:a", "128k", "-flags:a", "+bitexact"] : []),
    ...["-movflags", "+faststart", ...bitexact, "-y", videoPath],
    ...["-map", "[poster]", "-frames:v", "1", "-q:v", "3", ...bitexact, "-y", posterPath],
  ];
}

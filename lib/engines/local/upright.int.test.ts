import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CameraControl } from "../../validation/generation";
import { FFMPEG_PATH } from "../ffmpeg/run";
import { cameraPath, framing, isUpright, type CameraPath } from "./camera";
import { movingPlane, perspectiveFilter, stillChain, type Clip } from "./graph";

// The crop and crop-and-scale paths against the perspective warp they replace, frame by frame, on a photo-like
// picture (soft detail, like a camera's, rather than aliased test bars), at 320×180. Tolerance: every
// frame's PSNR ≥ 33 dB against the warp's frame and ≥ 37 dB on average (the two differ by resampling,
// bicubic against linear, and by crop edges on whole pixels of the working picture); the same picture
// one pixel off scores 28 dB. At 720p from a 1080p photo the frames score 43–49 dB.
const MIN_PSNR_DB = 33;
const MIN_MEAN_PSNR_DB = 37;

const exec = promisify(execFile);
let dir: string;
let photo: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "reelsmith-upright-"));
  photo = path.join(dir, "photo.png");
  await exec(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=960x540", "-vf", "gblur=sigma=2", "-frames:v", "1", photo]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const clip: Clip = { width: 320, height: 180, fps: 24, frames: 48 };

/** Per-frame PSNR of the new path's frames against the warp's, for the plane at `depth` drawn at `scale` × the clip. */
async function psnrAgainstWarp(camera: CameraPath, depth: number, scale: number): Promise<number[]> {
  const { overscan } = framing(camera, clip.frames, clip.fps, clip.width / clip.height, depth);
  const size = { width: clip.width * scale, height: clip.height * scale };
  const fast = movingPlane("[0:v]", camera, clip, size, depth, overscan, "yuv420p");
  const downscale = scale === 1 ? "" : `,scale=${clip.width}:${clip.height}`;
  const warp = `${stillChain("[0:v]", clip, size, "yuv420p")},${perspectiveFilter(camera, clip, depth, overscan)}${downscale}`;
  const stats = path.join(dir, `psnr-${Math.random().toString(36).slice(2)}.log`);
  await exec(FFMPEG_PATH, ["-v", "error", "-i", photo, "-filter_complex", `${fast}[a];${warp}[b];[a][b]psnr=stats_file=${stats}[o]`, "-map", "[o]", "-f", "null", "-"]);
  const lines = (await readFile(stats, "utf8")).trim().split("\n");
  return lines.map((line) => {
    const value = /psnr_avg:(\S+)/.exec(line)![1]!;
    return value === "inf" ? Infinity : Number(value);
  });
}

const axis = (name: "zoom" | "horizontal" | "vertical", value: number): CameraControl => ({ type: "axis", axis: name, value });

describe("upright camera paths: crop (shifts) or crop and scale (zooms, dollies) instead of the perspective warp", () => {
  const cases: { name: string; camera: CameraPath; depth?: number; scale?: number }[] = [
    { name: "zoom in, magnified picture", camera: cameraPath(axis("zoom", -8), 1, 3), scale: 2 },
    { name: "zoom out", camera: cameraPath(axis("zoom", 8), 1, 3) },
    { name: "horizontal", camera: cameraPath(axis("horizontal", 7), 1, 3) },
    { name: "slow vertical (sub-pixel steps)", camera: cameraPath(axis("vertical", -1), 1, 3) },
    { name: "the default push-in with drift", camera: cameraPath(undefined, 1, 4) },
    { name: "a far plane (parallax)", camera: cameraPath(axis("horizontal", 10), 1, 3), depth: 3 },
  ];
  for (const { name, camera, depth = 1, scale = 1 } of cases)
    it(`${name}: every frame within ${MIN_PSNR_DB} dB of the warp, ${MIN_MEAN_PSNR_DB} dB on average`, async () => {
      expect(isUpright(camera)).toBe(true);
      const psnr = await psnrAgainstWarp(camera, depth, scale);
      expect(psnr).toHaveLength(clip.frames);
      expect(Math.min(...psnr)).toBeGreaterThanOrEqual(MIN_PSNR_DB);
      expect(psnr.reduce((a, b) => a + b) / psnr.length).toBeGreaterThanOrEqual(MIN_MEAN_PSNR_DB);
    });

  it("a frame that is off by a pixel fails the bound (the measure can fail)", async () => {
    const camera = cameraPath(axis("horizontal", 7), 1, 3);
    const shifted: CameraPath = { ...camera, moves: [...camera.moves, { key: "x", from: 0.012, to: 0.012, start: 0, end: 1 }] };
    const { overscan } = framing(camera, clip.frames, clip.fps, clip.width / clip.height, 1);
    const size = { width: clip.width, height: clip.height };
    // The new path of a camera shifted right by 0.012 view units (about one pixel at 320 wide), against the warp of the original.
    const fast = movingPlane("[0:v]", shifted, clip, size, 1, overscan, "yuv420p");
    const warp = `${stillChain("[0:v]", clip, size, "yuv420p")},${perspectiveFilter(camera, clip, 1, overscan)}`;
    const stats = path.join(dir, "shifted.log");
    await exec(FFMPEG_PATH, ["-v", "error", "-i", photo, "-filter_complex", `${fast}[a];${warp}[b];[a][b]psnr=stats_file=${stats}[o]`, "-map", "[o]", "-f", "null", "-"]);
    const worst = Math.min(...(await readFile(stats, "utf8")).trim().split("\n").map((l) => Number(/psnr_avg:(\S+)/.exec(l)![1])));
    expect(worst).toBeLessThan(MIN_PSNR_DB);
  });

  it("camera shifts slide a clip-sized crop (no resampling per frame); zooms and dollies crop and scale", () => {
    const slide = movingPlane("[0:v]", cameraPath(axis("vertical", -1), 1, 3), clip, clip, 1, 1.1, "yuv420p");
    expect(slide).toContain(`crop=w=${clip.width}:h=${clip.height}:`);
    expect(slide).not.toContain("zoompan");
    expect(movingPlane("[0:v]", cameraPath(axis("zoom", 3), 1, 3), clip, clip, 1, 1.1, "yuv420p")).toContain("zoompan=");
    expect(movingPlane("[0:v]", cameraPath(undefined, 1, 4), clip, clip, 1, 1.1, "yuv420p")).toContain("zoompan="); // push-in with drift
  });

  it("turns, tilts, rolls and handheld sway keep the perspective warp", () => {
    for (const control of [{ type: "axis", axis: "pan", value: 3 }, { type: "axis", axis: "tilt", value: -2 }, { type: "axis", axis: "roll", value: 4 }, { type: "master", shot: "forward_up" }] as CameraControl[])
      expect(isUpright(cameraPath(control, 1, 3))).toBe(false);
    expect(isUpright(cameraPath(axis("zoom", 3), 0.2, 3))).toBe(false); // sway rolls the camera
    expect(movingPlane("[0:v]", cameraPath({ type: "axis", axis: "pan", value: 3 }, 1, 3), clip, clip, 1, 1.1, "yuv420p")).toContain("perspective=");
  });
});

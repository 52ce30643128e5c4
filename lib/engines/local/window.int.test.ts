import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CameraControl } from "../../validation/generation";
import { FFMPEG_PATH } from "../ffmpeg/run";
import { cameraPath, framing, type CameraPath } from "./camera";
import { movingPlane, windowedPlane, type Clip, type Rect } from "./graph";

// A transparent plane with content in a box (a subject's cut-out, an element) warped over the part of
// the view the box reaches, against the whole frame's warp, both laid over the same background.
const exec = promisify(execFile);
let dir: string;
let picture: string;
const clip: Clip = { width: 320, height: 180, fps: 24, frames: 48 };
const content: Rect = { x: 120, y: 40, width: 70, height: 100 };
const DEPTH = 0.7;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "reelsmith-window-"));
  picture = path.join(dir, "cutout.png");
  const graph =
    `color=c=black@0:s=${clip.width}x${clip.height},format=rgba[clear];` +
    `testsrc2=s=${content.width}x${content.height},gblur=sigma=1,format=rgba[subject];` +
    `[clear][subject]overlay=${content.x}:${content.y}:format=auto,format=rgba`;
  await exec(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", graph, "-frames:v", "1", picture]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Per-frame PSNR of the windowed plane's composite against the whole frame's, and the window's share of the frame. */
async function compare(camera: CameraPath): Promise<{ psnr: number[]; share: number }> {
  const { overscan } = framing(camera, clip.frames, clip.fps, clip.width / clip.height, DEPTH);
  const windowed = windowedPlane("[w]", camera, clip, DEPTH, overscan, content, "[windowed]");
  if (!windowed) throw new Error("the content should show");
  const window = /crop=(\d+):(\d+):/.exec(windowed.chain);
  const share = window ? (Number(window[1]) * Number(window[2])) / (clip.width * clip.height) : 1;
  const background = (label: string) => `color=c=0x6080a0:s=${clip.width}x${clip.height}:r=${clip.fps},format=yuv420p${label}`;
  const stats = path.join(dir, `psnr-${Math.random().toString(36).slice(2)}.log`);
  const graph = [
    "[0:v]split[f][w]",
    `${movingPlane("[f]", camera, clip, clip, DEPTH, overscan, "yuva420p")}[whole]`,
    windowed.chain,
    background("[b1]"),
    background("[b2]"),
    "[b1][whole]overlay=format=yuv420:shortest=1[a]",
    `[b2][windowed]overlay=x=${windowed.at.x}:y=${windowed.at.y}:format=yuv420:shortest=1[b]`,
    `[a][b]psnr=stats_file=${stats}[o]`,
  ].join(";");
  await exec(FFMPEG_PATH, ["-v", "error", "-i", picture, "-filter_complex", graph, "-map", "[o]", "-f", "null", "-"]);
  const lines = (await readFile(stats, "utf8")).trim().split("\n");
  const psnr = lines.map((line) => {
    const value = /psnr_avg:(\S+)/.exec(line)![1]!;
    return value === "inf" ? Infinity : Number(value);
  });
  return { psnr, share };
}

describe("a plane with content in a box, warped over the part of the view it reaches", () => {
  const cases: { name: string; control?: CameraControl; cfgScale: number }[] = [
    { name: "pan", control: { type: "axis", axis: "pan", value: 6 }, cfgScale: 1 },
    { name: "tilt", control: { type: "axis", axis: "tilt", value: -6 }, cfgScale: 1 },
    { name: "roll", control: { type: "axis", axis: "roll", value: 8 }, cfgScale: 1 },
    { name: "push in and tilt up", control: { type: "master", shot: "forward_up" }, cfgScale: 1 },
    { name: "turn, then advance", control: { type: "master", shot: "right_turn_forward" }, cfgScale: 1 },
    { name: "handheld sway", cfgScale: 0.3 },
  ];
  for (const { name, control, cfgScale } of cases)
    it(`matches the whole frame's warp in every frame: ${name}`, async () => {
      const { psnr, share } = await compare(cameraPath(control, cfgScale, 5));
      expect(psnr).toHaveLength(clip.frames);
      // The same samples: only the composite's rounding can differ.
      expect(Math.min(...psnr)).toBeGreaterThan(45);
      expect(share).toBeLessThan(0.6);
    });

  it("draws nothing for content the camera never sees, and the whole frame for moves without a warp", () => {
    const camera = cameraPath({ type: "axis", axis: "pan", value: 2 }, 1, 5);
    const { overscan } = framing(camera, clip.frames, clip.fps, clip.width / clip.height, DEPTH);
    expect(windowedPlane("[w]", camera, clip, DEPTH, overscan, { x: -400, y: 20, width: 50, height: 50 }, "[o]")).toBeNull();
    const zoom = cameraPath({ type: "axis", axis: "zoom", value: 4 }, 1, 5);
    expect(windowedPlane("[w]", zoom, clip, DEPTH, overscan, content, "[o]")).toMatchObject({ at: { x: 0, y: 0 } });
  });
});

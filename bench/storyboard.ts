// The storyboard line of bench:render: a 15 s 720p storyboard of three zooms on a 1920×1080 image
// (4 + 5 + 6 s) through the local engine, next to the single raw ffmpeg command making the same
// frames the same way (three zoompan chains joined by ffmpeg's concat filter, one encode), alternating, medians.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { LocalEngine } from "../lib/engines/local";
import { FFMPEG_PATH } from "../lib/engines/ffmpeg/run";
import { generationRequestSchema } from "../lib/validation/generation";
import { alternateMedians } from "./timing";

const run = promisify(execFile);
const SHOTS = [4, 5, 6];
const FPS = 24;

/**
 * One shot by hand, the way the engine moves a zoom (zoompan's crop and scale, in 4:4:4): the image
 * enlarged e^0.2 (the zoom's end), the crop shrinking by the eased zoom over `frames`.
 */
function rawShot(input: string, frames: number, label: string): string {
  const zoom = `exp(0.2*(1-cos(PI*on/${frames - 1}))/2)`;
  return (
    `${input}scale=1564:880,format=yuv444p,` +
    `zoompan=z='${zoom}':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2':d=${frames}:s=1280x720:fps=${FPS},format=yuv420p${label}`
  );
}

export type StoryboardBench = { engine: number; raw: number; frames: { engine: number; raw: number } };

export async function measureStoryboardRender(runs: number): Promise<StoryboardBench> {
  const dir = await mkdtemp(path.join(tmpdir(), "reelsmith-bench-storyboard-"));
  const image = path.join(dir, "source.png");
  await run(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=1920x1080", "-frames:v", "1", image]);
  const zoom = { type: "axis", axis: "zoom", value: -5 } as const;
  const request = generationRequestSchema.parse({
    kind: "image_to_video",
    startImageId: "bench",
    cfgScale: 1,
    mode: "standard",
    duration: 15,
    shots: SHOTS.map((duration, i) => ({ prompt: `shot ${i + 1}`, duration, cameraControl: zoom })),
  });
  const engine = new LocalEngine();
  const workDir = path.join(dir, "engine");
  await mkdir(workDir);
  const renderWithEngine = () =>
    engine.render({ generationId: "bench", request, seed: 1, startImagePath: image, workDir, signal: new AbortController().signal, onProgress: async () => {} });

  const graph = [
    `[0:v]split=${SHOTS.length}${SHOTS.map((_, i) => `[in${i}]`).join("")}`,
    ...SHOTS.map((s, i) => rawShot(`[in${i}]`, s * FPS, `[s${i}]`)),
    `${SHOTS.map((_, i) => `[s${i}]`).join("")}concat=n=${SHOTS.length}:v=1:a=0[v]`,
  ].join(";");
  const rawVideo = path.join(dir, "raw.mp4");
  const total = SHOTS.reduce((a, b) => a + b, 0) * FPS;
  const renderRaw = () =>
    run(FFMPEG_PATH, [
      ...["-v", "error", "-i", image, "-filter_complex", graph, "-map", "[v]", "-frames:v", String(total), "-r", String(FPS)],
      ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "21", "-pix_fmt", "yuv420p", "-threads", "2", "-movflags", "+faststart", "-y", rawVideo],
    ]);

  const times = await alternateMedians(runs, renderWithEngine, renderRaw);
  const frames = async (file: string) => (await run(FFMPEG_PATH, ["-v", "error", "-i", file, "-f", "framemd5", "-"], { maxBuffer: 1 << 24 })).stdout.split("\n").filter((l) => l && !l.startsWith("#")).length;
  const result = { engine: times.first, raw: times.second, frames: { engine: await frames(path.join(workDir, "video.mp4")), raw: await frames(rawVideo) } };
  await rm(dir, { recursive: true, force: true });
  return result;
}

export function storyboardLine(b: StoryboardBench, runs: number): string {
  return (
    `storyboard (local): image-to-video, 3 zoom shots 4 + 5 + 6 s, 15 s 720p 24 fps: ${b.engine.toFixed(3)} s vs raw ffmpeg (one command, concat filter) ${b.raw.toFixed(3)} s ` +
    `(medians of ${runs}; frames ${b.frames.engine}/${b.frames.raw}): ${(b.engine / b.raw).toFixed(2)} × raw (goal ≤ 1.15)`
  );
}

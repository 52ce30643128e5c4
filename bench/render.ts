// Render speed of the local engine: a 5 s 720p zoom on a 1920×1080 image, next to the single raw
// ffmpeg command that produces the same frames (checked), in the same run, alternating, medians.
// Then the queued → running latency of a job with an idle worker, through the real queue.
// Run: npm run bench:render   (BENCH_RUNS to change the number of runs of each; default 5)
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { LocalEngine } from "../lib/engines/local";
import { FFMPEG_PATH } from "../lib/engines/ffmpeg/run";
import { generationRequestSchema } from "../lib/validation/generation";
import { benchDatabase } from "./bench-db";
import { measureQueueLatency, percentile } from "./queue-latency";
import { measureStoryboardRender, storyboardLine } from "./storyboard";
import { alternateMedians } from "./timing";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const run = promisify(execFile);
const dir = await mkdtemp(path.join(tmpdir(), "reelsmith-bench-render-"));
const image = path.join(dir, "source.png");
await run(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=1920x1080", "-frames:v", "1", image]);

// Zoom −5 (narrower): the camera pushes in, strictly (relevance 1: no handheld motion).
const request = generationRequestSchema.parse({
  kind: "image_to_video",
  startImageId: "bench",
  cameraControl: { type: "axis", axis: "zoom", value: -5 },
  cfgScale: 1,
  mode: "standard",
  duration: 5,
});
const engine = new LocalEngine();
const engineDir = path.join(dir, "engine");
await run("mkdir", ["-p", engineDir]);
async function renderWithEngine() {
  await engine.render({
    generationId: "bench",
    request,
    seed: 1,
    startImagePath: image,
    workDir: engineDir,
    signal: new AbortController().signal,
    onProgress: async () => {},
  });
}

// The same picture by hand: 120 frames of the image enlarged e^0.2 = 1.2214× (1564×880, the zoom's
// end), the crop shrinking by the eased zoom factor e^(0.2·(1−cos(π·n/119))/2), scaled to 1280×720.
const zoom = "exp(0.2*(1-cos(PI*(on-1)/119))/2)";
const rawGraph =
  `scale=1564:880,format=yuv420p,loop=loop=119:size=1:start=0,settb=1/24,setpts=N,` +
  `perspective=x0='W/2*(1-1/${zoom})':y0='H/2*(1-1/${zoom})':x1='W/2*(1+1/${zoom})':y1='H/2*(1-1/${zoom})':` +
  `x2='W/2*(1-1/${zoom})':y2='H/2*(1+1/${zoom})':x3='W/2*(1+1/${zoom})':y3='H/2*(1+1/${zoom})':interpolation=linear:eval=frame,` +
  `scale=1280:720`;
const rawVideo = path.join(dir, "raw.mp4");
const rawArgs = ["-v", "error", "-i", image, "-filter_complex", rawGraph, "-frames:v", "120", "-r", "24"];
const encode = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "21", "-pix_fmt", "yuv420p", "-threads", "2", "-movflags", "+faststart", "-y", rawVideo];
const renderRaw = () => run(FFMPEG_PATH, [...rawArgs, ...encode]);

const { first: engineTime, second: rawTime } = await alternateMedians(RUNS, renderWithEngine, renderRaw);

const frameHashes = async (file: string) =>
  (await run(FFMPEG_PATH, ["-v", "error", "-i", file, "-f", "framemd5", "-"], { maxBuffer: 1 << 24 })).stdout
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => line.split(",").at(-1)!.trim());
const [ours, theirs] = await Promise.all([frameHashes(path.join(engineDir, "video.mp4")), frameHashes(rawVideo)]);
const same = ours.filter((hash, i) => hash === theirs[i]).length;
await rm(dir, { recursive: true, force: true });

const storyboard = await measureStoryboardRender(RUNS);

const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 20);
const database = await benchDatabase();
const latencies = await measureQueueLatency(LATENCY_SAMPLES);
await database.stop();

console.log(`engine (local): image-to-video, zoom, 5 s 720p 24 fps from a 1920×1080 image: ${engineTime.toFixed(3)} s (median of ${RUNS})`);
console.log(`raw ffmpeg, one command: ${rawTime.toFixed(3)} s (median of ${RUNS})`);
console.log(`decoded frames identical: ${same}/${Math.max(ours.length, theirs.length)}`);
console.log(
  `queued → running with an idle worker: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, max ${Math.max(...latencies)} ms over ${latencies.length} jobs (goal p95 < 500 ms)`,
);
console.log(storyboardLine(storyboard, RUNS));
console.log(`render: ${(engineTime / rawTime).toFixed(2)} × raw ffmpeg (goal ≤ 1.15)`);

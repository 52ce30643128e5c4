// The matting step of the local engine: time per image to cut out its subject the first time (a child
// process loading the model and running it, the background fill, writing the cache entry) and from
// the cache afterwards.
// Distinct images (a figure drawn at different places and sizes, 1280×720), a fresh cache folder.
// Run: npm run bench:matting   (BENCH_IMAGES to change the number of images; default 4)
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { FFMPEG_PATH } from "../lib/engines/ffmpeg/run";
import { cachedSubject } from "../lib/engines/local/subject/cache";
import { MATTING_MODEL } from "../lib/engines/local/subject/matte";
import { median } from "./timing";

const IMAGES = Number(process.env.BENCH_IMAGES ?? 4);
const run = promisify(execFile);
const dir = await mkdtemp(path.join(tmpdir(), "reelsmith-bench-matting-"));
const cache = path.join(dir, "cache");

const images: string[] = [];
for (let k = 0; k < IMAGES; k++) {
  const [cx, cy, r] = [400 + 150 * k, 420 - 20 * k, 120 + 15 * k];
  const body = `lt(pow((X-${cx})/${r},2)+pow((Y-${cy})/${2 * r},2),1)+lt(pow((X-${cx})/${0.6 * r},2)+pow((Y-${cy - 2.6 * r})/${0.6 * r},2),1)`;
  const geq = `r='if(${body},${200 + 10 * k},60+60*Y/H)':g='if(${body},50,150+50*sin(X/${30 + k}))':b='if(${body},60,120+100*X/W)'`;
  const file = path.join(dir, `image${k}.png`);
  await run(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", `nullsrc=s=1280x720,geq=${geq}`, "-frames:v", "1", file]);
  images.push(file);
}

async function ms(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

const first: number[] = [];
const cached: number[] = [];
for (const image of images) {
  first.push(await ms(async () => {
    if (!(await cachedSubject(image, cache)).computed) throw new Error("expected a fresh computation");
  }));
}
for (const image of images)
  for (let i = 0; i < 5; i++) cached.push(await ms(() => cachedSubject(image, cache)));
await rm(dir, { recursive: true, force: true });

console.log(`model: ${MATTING_MODEL}; ${IMAGES} images of 1280×720`);
console.log(`first time, each: ${first.map((t) => t.toFixed(0)).join(", ")} ms; cached: median ${median(cached).toFixed(1)} ms, max ${Math.max(...cached).toFixed(1)} ms`);
console.log(`matting: ${median(first).toFixed(0)} ms per image first time, ${median(cached).toFixed(1)} cached (goal ≤ 10000 ms first time on 2 idle cores, ≤ 50 ms cached)`);

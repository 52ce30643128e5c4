import "server-only";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { EngineError, type Engine, type EngineJob, type EngineOutput } from "../types";
import { ambienceGraph } from "./audio";
import { cameraPath, framing, type CameraPath } from "./camera";
import { runFfmpeg } from "../ffmpeg/run";
import { imageSize, outputGeometry } from "./geometry";
import { movingPlane, outputArgs, POSTER_TAP, stillChain, type Clip } from "./graph";
import { pam } from "../ffmpeg/pam";
import { paintLayer, paintPrecipitation } from "./plate";
import { qualityGeometry, renderQuality } from "./quality";
import { describeScene, type Scene } from "./scene";
import { renderStoryboard } from "./storyboard";
import { elementLayers, overlayElements, startFramePlanes, type ElementLayer } from "./subject/layer";

export type LocalEngineOptions = {
  /** Overrides the short side of the output (tests render small frames; real sizes come from the mode). */
  shortSide?: number;
  /** Overrides the frame rate of the output. */
  fps?: number;
};

/**
 * The `local` engine: a deterministic CPU motion renderer on ffmpeg. Image-to-video moves the picture
 * with the requested camera; text-to-video paints a layered scene from the prompt and moves through it.
 */
export class LocalEngine implements Engine {
  readonly id = "local";

  constructor(private readonly options: LocalEngineOptions = {}) {}

  async render(job: EngineJob): Promise<EngineOutput> {
    if (job.request.shots) return renderStoryboard(job, (shot) => this.renderShot(shot));
    return this.renderShot(job);
  }

  private async renderShot(job: EngineJob): Promise<EngineOutput> {
    const { request } = job;
    job.signal.throwIfAborted();
    let image: { path: string; width: number; height: number } | undefined;
    if (request.kind === "image_to_video") {
      if (!job.startImagePath) throw new EngineError("Image-to-video needs a start image.", false);
      image = { path: job.startImagePath, ...(await imageSize(job.startImagePath)) };
    }
    // Read per job, so a running process follows LOCAL_RENDER_QUALITY as configured (checked at start-up).
    const { width, height, fps, frames } = outputGeometry(request, image, { ...qualityGeometry(renderQuality()), ...this.options });
    const clip: Clip = { width, height, fps, frames };
    const scene = describeScene(request.prompt, job.seed, request.negativePrompt);
    const camera = cameraPath(request.cameraControl, request.cfgScale, job.seed, request.kind === "text_to_video" ? scene.idleMove : undefined);

    // Elements stand in the painted scene at their depths, or in front of a start image.
    const elements = await elementLayers(job.references, request.prompt, scene.horizon, clip.width / clip.height, image !== undefined);
    job.signal.throwIfAborted();
    const inputs: string[] = [];
    let graph: string;
    if (image) {
      inputs.push(image.path);
      if (job.endImagePath) inputs.push(job.endImagePath);
      const start = await startFramePlanes(image.path, 0, image, camera, clip, inputs, job.endImagePath ? "[start]" : "[shot]");
      const chains = [job.endImagePath ? `${start};\n${endImageGraph(clip)}` : start];
      chains.push(`[${overlayElements(chains, "shot", elements, camera, clip, inputs)}]null[v]`);
      graph = chains.join(";\n");
    } else graph = await sceneGraph(scene, elements, camera, clip, job.workDir, inputs);
    graph += `;\n${POSTER_TAP}`;
    if (request.audio) graph += `;\n${ambienceGraph(scene, request.duration)}`;

    const graphPath = path.join(job.workDir, "graph.txt");
    await writeFile(graphPath, graph);
    const output = { videoPath: path.join(job.workDir, "video.mp4"), posterPath: path.join(job.workDir, "poster.jpg") };
    await runFfmpeg(
      [...inputs.flatMap((file) => ["-i", file]), "-filter_complex_script", graphPath, ...outputArgs({ ...output, clip, audio: request.audio })],
      { totalFrames: frames, signal: job.signal, onProgress: job.onProgress },
    );
    await job.onProgress(100);
    return { ...output, width, height, fps, durationMs: request.duration * 1000, hasAudio: request.audio };
  }
}

/** With an end image (input 1): the moving start frame `[start]` dissolves into the end image, which settles into place and holds. */
function endImageGraph(clip: Clip): string {
  const dissolveStart = Math.round(clip.frames * 0.5);
  const dissolveFrames = Math.round(clip.frames * 0.4);
  const settle: CameraPath = { moves: [{ key: "zoom", from: 0.08, to: 0, start: 0.5, end: 1 }], sway: [] };
  const cover = `[1:v]scale=${clip.width}:${clip.height}:force_original_aspect_ratio=increase,crop=${clip.width}:${clip.height},`;
  return [
    `${movingPlane(cover, settle, clip, clip, 1, 1, "yuva420p")},fade=t=in:s=${dissolveStart}:n=${dissolveFrames}:alpha=1[end]`,
    `[start][end]overlay=format=yuv420[shot]`,
  ].join(";\n");
}

/**
 * Paints the scene's plates into `workDir` (adding them to `inputs`) and returns the graph compositing
 * them back to front, each element (far to near) in front of the layers farther than it.
 */
async function sceneGraph(scene: Scene, elements: ElementLayer[], camera: CameraPath, clip: Clip, workDir: string, inputs: string[]): Promise<string> {
  const seconds = clip.frames / clip.fps;
  const chains: string[] = [];
  let below = "";
  let placed = 0;
  const placeElementsFartherThan = (depth: number) => {
    const farther = elements.slice(placed).filter((e) => e.standing.depth > depth);
    placed += farther.length;
    below = overlayElements(chains, below, farther, camera, clip, inputs);
  };
  for (const [i, layer] of scene.layers.entries()) {
    if (i > 0) placeElementsFartherThan(layer.depth);
    // Clouds and fog drift with the wind: a camera move on their plane alone, scaled by its depth.
    const drifts = layer.kind === "clouds" || layer.kind === "fog";
    const layerPath: CameraPath = drifts
      ? { ...camera, moves: [...camera.moves, { key: "x", from: 0, to: -scene.wind * seconds * layer.depth, start: 0, end: 1, linear: true }] }
      : camera;
    const { overscan } = framing(layerPath, clip.frames, clip.fps, clip.width / clip.height, layer.depth);
    const file = path.join(workDir, `layer${i}.pam`);
    await writeFile(file, pam(paintLayer(scene, layer, clip.width, clip.height, overscan)));
    const input = inputs.push(file) - 1;
    const opaque = i === 0;
    chains.push(`${movingPlane(`[${input}:v]`, layerPath, clip, clip, layer.depth, overscan, opaque ? "yuv420p" : "yuva420p")}[l${i}]`);
    if (!opaque) chains.push(`[${below}][l${i}]overlay=format=yuv420[c${i}]`);
    below = opaque ? `l${i}` : `c${i}`;
  }
  placeElementsFartherThan(0);
  for (const [k, fall] of paintPrecipitation(scene, clip.width, clip.height).entries()) {
    const file = path.join(workDir, `precipitation${k}.pam`);
    await writeFile(file, pam(fall.plate));
    const input = inputs.push(file) - 1;
    const tile = { ...clip, height: fall.plate.height };
    chains.push(`${stillChain(`[${input}:v]`, clip, tile, "yuva420p")}[p${k}]`);
    chains.push(`[${below}][p${k}]overlay=x=0:y='mod(n*${(fall.pixelsPerSecond / clip.fps).toFixed(3)},H)-H'[f${k}]`);
    below = `f${k}`;
  }
  chains.push(`[${below}]null[v]`);
  return chains.join(";\n");
}

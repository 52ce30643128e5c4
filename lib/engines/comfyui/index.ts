import "server-only";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { runFfmpeg } from "../ffmpeg/run";
import { imageSize, type Size } from "../local/geometry";
import { outputArgs, POSTER_TAP } from "../local/graph";
import { EngineError, type Engine, type EngineJob, type EngineOutput } from "../types";
import { ComfyuiClient, ComfyuiUnreachableError, type HistoryEntry, type OutputFile, type PromptState } from "./client";
import { loadComfyuiConfig, type ComfyuiConfig } from "./config";
import { watchProgress, type ProgressWatch } from "./progress";
import { fillWorkflow, modelCfg, renderGeometry, WorkflowTemplateError, type RenderGeometry, type Workflow } from "./template";
import { isHandBack } from "../hand-back";

export type ComfyuiEngineOptions = {
  /** How often the queue and history are read (the websocket cuts the wait short when the prompt ends). */
  pollMs?: number;
  /** Submissions of one prompt per attempt: each one after the first follows a server that lost it. */
  maxSubmissions?: number;
};

/** Progress: queued 1; sampling 2–90 (from the websocket); then download and normalisation up to 99. */
const PROGRESS = { queued: 1, samplingFrom: 2, samplingTo: 90, downloaded: 92, normalisedTo: 99 } as const;

/** ffmpeg reads these; animated WebP (SaveAnimatedWEBP) it cannot. */
const VIDEO_FILE = /\.(mp4|webm|mkv|mov|gif)$/i;

/** A poll interval that a websocket hint or an abort cuts short; a hint during a poll ends the next wait at once. */
class Pause {
  private end?: () => void;
  private woken = false;

  readonly wake = () => {
    if (this.end) this.end();
    else this.woken = true;
  };

  for(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (this.woken || signal.aborted) {
        this.woken = false;
        return resolve();
      }
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.end = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
      this.end = done;
    });
  }
}

/** The first video among the outputs of any node (SaveWEBM/SaveVideo report "images", VHS "gifs"). */
function videoOutput(entry: HistoryEntry): OutputFile | undefined {
  for (const node of Object.values(entry.outputs ?? {})) {
    for (const key of ["videos", "gifs", "images"]) {
      const files = node[key];
      if (!Array.isArray(files)) continue;
      const video = (files as OutputFile[]).find((f) => f?.type === "output" && typeof f.filename === "string" && VIDEO_FILE.test(f.filename));
      if (video) return video;
    }
  }
  return undefined;
}

/** A finished prompt's failure, in ComfyUI's words, or null when it succeeded. */
function failureOf(entry: HistoryEntry): string | null {
  const status = entry.status;
  if (status?.status_str === "success" || (status?.completed && status.status_str !== "error")) return null;
  for (const [type, data] of status?.messages ?? []) {
    if (type === "execution_error") return `ComfyUI failed in ${data.node_type ?? "a node"} (node ${data.node_id ?? "?"}): ${data.exception_message ?? "no message"}`.trim();
    if (type === "execution_interrupted") return "The render was interrupted on the ComfyUI server.";
  }
  return "ComfyUI reported the render as failed without a reason.";
}

/**
 * The `comfyui` engine: renders with an open video model on the operator's ComfyUI server. Fills the
 * workflow template, queues it, follows it (progress from the websocket; the queue and history as
 * the truth), fetches the video and normalises it with ffmpeg to H.264 MP4 + JPEG poster.
 */
export class ComfyuiEngine implements Engine {
  readonly id = "comfyui";
  private readonly client: ComfyuiClient;
  private readonly pollMs: number;
  private readonly maxSubmissions: number;

  constructor(
    private readonly config: ComfyuiConfig,
    options: ComfyuiEngineOptions = {},
  ) {
    this.client = new ComfyuiClient(config.url);
    this.pollMs = options.pollMs ?? 1_000;
    this.maxSubmissions = options.maxSubmissions ?? 3;
  }

  /** The engine configured by the environment; a configuration error fails jobs at once with its message. */
  static fromEnv(): ComfyuiEngine {
    try {
      return new ComfyuiEngine(loadComfyuiConfig());
    } catch (error) {
      if (error instanceof WorkflowTemplateError) throw new EngineError(error.message, false);
      throw error;
    }
  }

  async render(job: EngineJob): Promise<EngineOutput> {
    job.signal.throwIfAborted();
    const { request } = job;
    const template = this.config.templates[request.kind];
    let image: Size | undefined;
    if (request.kind === "image_to_video") {
      if (!job.startImagePath) throw new EngineError("Image-to-video needs a start image.", false);
      image = await imageSize(job.startImagePath);
    }
    const geometry = renderGeometry(template.model, request, image);
    const workflow = async () =>
      fillWorkflow(template, {
        prompt: request.prompt,
        negative_prompt: request.negativePrompt,
        // Uploaded at each submission: a restarted server may have lost its input folder too.
        image: job.startImagePath ? await this.client.uploadImage(job.startImagePath, `reelsmith-${job.generationId}${path.extname(job.startImagePath)}`) : undefined,
        references: await Promise.all(
          (job.references ?? []).map((reference, i) => {
            const file = reference.kind === "element" ? reference.frontalImagePath : reference.imagePath;
            return this.client.uploadImage(file, `reelsmith-${job.generationId}-reference-${i + 1}${path.extname(file)}`);
          }),
        ),
        seed: job.seed,
        ...geometry,
        cfg: modelCfg(template.model, request.cfgScale),
      });

    // One ComfyUI prompt per generation, named by its id: a retry, or a worker taking the job over,
    // finds the run already there instead of starting a second one.
    const promptId = job.generationId;
    const clientId = randomUUID();
    const pause = new Pause();
    const watch = watchProgress(this.config.url, clientId, promptId, pause.wake);
    let entry: HistoryEntry;
    try {
      entry = await this.follow(job, promptId, clientId, workflow, watch, pause);
    } catch (error) {
      // Cancelled, or the job is no longer ours: the GPU should stop working on it too (not when handed back: the next worker follows it).
      if (!(error instanceof EngineError) && !isHandBack(job.signal)) await this.client.cancel(promptId).catch(() => {});
      throw error;
    } finally {
      watch.close();
    }
    const failure = failureOf(entry);
    if (failure) throw new EngineError(failure, false);
    const file = videoOutput(entry);
    if (!file) throw new EngineError("The ComfyUI workflow finished without a video output (mp4, webm, mkv, mov or gif): save the frames with SaveWEBM, SaveVideo or VHS_VideoCombine.", false);
    const source = path.join(job.workDir, `comfyui-output${path.extname(file.filename).toLowerCase()}`);
    try {
      await this.client.download(file, source, job.signal);
    } catch (error) {
      if (error instanceof ComfyuiUnreachableError) throw new EngineError(`ComfyUI at ${this.config.url.origin} went away while sending the video (${error.message}).`, true);
      throw error;
    }
    await job.onProgress(PROGRESS.downloaded);
    return this.normalise(job, source, geometry);
  }

  /** Queues the prompt when the server does not have it, and follows it until it is in the history. */
  private async follow(job: EngineJob, promptId: string, clientId: string, workflow: () => Promise<Workflow>, watch: ProgressWatch, pause: Pause): Promise<HistoryEntry> {
    let submissions = 0;
    let unreachableSince: number | undefined;
    for (;;) {
      job.signal.throwIfAborted();
      let state: PromptState;
      try {
        state = await this.client.locate(promptId);
        if (state.kind === "missing") {
          // Never queued, or lost by a restart: ComfyUI forgets its queue and history when it stops.
          if (submissions === this.maxSubmissions) throw new EngineError(`ComfyUI lost the render ${submissions} times (restarting?).`, true);
          submissions++;
          await this.client.submit(await workflow(), promptId, clientId);
          state = { kind: "pending" };
        }
        unreachableSince = undefined;
      } catch (error) {
        if (!(error instanceof ComfyuiUnreachableError)) throw error;
        // Restarting, or down: wait for it (bounded); the pipeline retries later with backoff.
        unreachableSince ??= Date.now();
        if (Date.now() - unreachableSince >= this.config.restartWaitMs) {
          throw new EngineError(`ComfyUI at ${this.config.url.origin} is unreachable (${error.message}).`, true);
        }
        await pause.for(this.pollMs, job.signal);
        continue;
      }
      if (state.kind === "finished") return state.entry;
      const { samplingFrom, samplingTo } = PROGRESS;
      await job.onProgress(state.kind === "running" ? samplingFrom + (samplingTo - samplingFrom) * watch.fraction() : PROGRESS.queued);
      await pause.for(this.pollMs, job.signal);
    }
  }

  /** H.264 yuv420p faststart MP4 and a JPEG poster at the size, rate and length asked, with the local engine's encoder settings. */
  private async normalise(job: EngineJob, source: string, geometry: RenderGeometry): Promise<EngineOutput> {
    const { width, height, fps } = geometry;
    const clip = { width, height, fps, frames: job.request.duration * fps };
    const output = { videoPath: path.join(job.workDir, "video.mp4"), posterPath: path.join(job.workDir, "poster.jpg") };
    const graph = `[0:v]fps=${fps},scale=${width}:${height},setsar=1[v];${POSTER_TAP}`;
    const { downloaded, normalisedTo } = PROGRESS;
    await runFfmpeg(["-i", source, "-filter_complex", graph, ...outputArgs({ ...output, clip, audio: false })], {
      totalFrames: clip.frames,
      signal: job.signal,
      onProgress: (percent) => job.onProgress(downloaded + ((normalisedTo - downloaded) * percent) / 100),
    });
    await job.onProgress(100);
    return { ...output, width, height, fps, durationMs: job.request.duration * 1000, hasAudio: false };
  }
}

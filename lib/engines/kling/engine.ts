import "server-only";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { KLING_MODELS, KLING_OMNI_DEFAULT, KLING_OMNI_MODELS, type KlingModel } from "../capabilities";
import { normaliseVideo } from "../normalise";
import { EngineError, type Engine, type EngineJob, type EngineOutput } from "../types";
import { KlingAuth } from "./auth";
import { callbackUrlFor } from "./callback-token";
import { KlingClient, type KlingEndpoint, type KlingTask } from "./client";
import type { KlingConfig } from "./config";
import { explainKlingError, KlingApiError, KlingNetworkError, type KlingErrorAction } from "./errors";
import { klingImage } from "./image";
import { klingAccount, klingElementIds } from "./elements";
import { klingOmniBody, klingTaskBody } from "./request";

export type KlingEngineOptions = {
  config: KlingConfig;
  /** Resolves after `ms`, or sooner when Kling calls back about this generation; rejects when `signal` aborts. */
  waitForHint(generationId: string, ms: number, signal: AbortSignal): Promise<void>;
};

const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
const MAX_BACKOFF_MS = 60_000;
/** Typical render times (ComfyUI's Kling node averages), for a progress bar Kling itself does not give. */
const EXPECTED_SECONDS: Record<KlingEndpoint, number> = { text2video: 320, image2video: 165, "omni-video": 320 };

/** What to do about a failed request; errors that are not Kling's (a bug, a malformed answer) propagate. */
function actionOf(error: unknown): Exclude<KlingErrorAction, "resign"> {
  if (error instanceof KlingNetworkError) return "ambiguous";
  if (!(error instanceof KlingApiError)) throw error;
  // The client already signed a new token once: a token refused again is the clock or the key, not time.
  return error.action === "resign" ? "terminal" : error.action;
}

function terminal(error: unknown): EngineError {
  return error instanceof KlingApiError ? new EngineError(explainKlingError(error), false) : new EngineError(String(error), false);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const done = () => {
      signal.removeEventListener("abort", abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", abort, { once: true });
  });
}

/** Kling gives no percentage: progress follows the time the task has run against a typical render. */
function estimatedProgress(task: KlingTask, endpoint: KlingEndpoint, now: number): number {
  if (task.task_status === "submitted") return 3;
  const seconds = Math.max(0, (now - (task.created_at ?? now)) / 1000);
  return Math.min(95, 5 + Math.floor(90 * (1 - Math.exp(-seconds / EXPECTED_SECONDS[endpoint]))));
}

/**
 * The `kling` engine: Kling's official API. One task per generation, ever: the generation id is
 * the task's external_task_id, an earlier attempt's task is looked up before anything is
 * submitted, and an answer that may hide a created task (5002, a timeout) is checked by looking
 * the task up before submitting again. Statuses are polled (callbacks only wake the poller), and
 * the result is downloaded at once (Kling deletes it after 30 days) and re-encoded to our contract.
 */
export class KlingEngine implements Engine {
  readonly id = "kling";
  private readonly client: KlingClient;

  constructor(private readonly options: KlingEngineOptions) {
    this.client = new KlingClient(options.config, new KlingAuth(options.config.credentials));
  }

  async render(job: EngineJob): Promise<EngineOutput> {
    const model = job.model ?? "";
    if (!(model in KLING_MODELS)) throw new EngineError(`The kling engine has no model "${model}".`, false);
    // References go through omni-video: on the route's model when it is an omni model, else on kling-v3-omni.
    const omni = KLING_OMNI_MODELS.includes(model) || Boolean(job.references?.length);
    const endpoint: KlingEndpoint = omni ? "omni-video" : job.request.kind === "text_to_video" ? "text2video" : "image2video";
    const deadline = Date.now() + this.options.config.pollTimeoutMs;

    let task = await this.retrying(() => this.client.queryTask(endpoint, job.remoteTaskId ?? job.generationId, job.signal), deadline, job.signal);
    // A recorded task Kling no longer knows is not a licence to pay for a second one.
    if (!task && job.remoteTaskId) throw new EngineError(`Kling no longer knows this video's task (${job.remoteTaskId}).`, false);
    task ??= await this.submit(endpoint, job, model as KlingModel, deadline);
    if (task.task_id !== job.remoteTaskId) await job.onRemoteTask?.(task.task_id);
    task = await this.follow(endpoint, task, job, deadline);

    if (task.task_status === "failed") throw new EngineError(`Kling could not make this video: ${task.task_status_msg || "it gave no reason"}.`, false);
    const url = task.task_result?.videos?.[0]?.url;
    if (!url) throw new EngineError("Kling reported the video finished but sent no link to it.", true);
    const downloaded = path.join(job.workDir, "kling.mp4");
    await download(url, downloaded, job.signal);
    const output = await normaliseVideo(downloaded, job.workDir, { signal: job.signal, onProgress: (p) => job.onProgress(96 + (3 * p) / 100) });
    await job.onProgress(100);
    return { ...output, ...(task.final_unit_deduction ? { providerUnits: task.final_unit_deduction } : {}) };
  }

  private async submit(endpoint: KlingEndpoint, job: EngineJob, model: KlingModel, deadline: number): Promise<KlingTask> {
    const { config } = this.options;
    const [image, imageTail] = await Promise.all([
      job.startImagePath ? klingImage(job.startImagePath, job.signal) : undefined,
      job.endImagePath ? klingImage(job.endImagePath, job.signal) : undefined,
    ]);
    if (job.request.kind === "image_to_video" && !image) throw new EngineError("Image-to-video needs a start image.", false);
    const callbackUrl = config.callbackUrl ? callbackUrlFor(config.callbackUrl, config.credentials, job.generationId) : null;
    const body =
      endpoint === "omni-video"
        ? await this.omniBody(job, model, { image, imageTail, callbackUrl }, deadline)
        : klingTaskBody({ generationId: job.generationId, request: job.request, model, image, imageTail, callbackUrl });
    // Set once an answer may hide a created task: from then on, look before submitting again.
    let uncertain = false;
    const lookUp = () => this.retrying(() => this.client.queryTask(endpoint, job.generationId, job.signal), deadline, job.signal);
    for (let attempt = 0; ; attempt++) {
      if (uncertain) {
        const found = await lookUp();
        if (found) return found;
      }
      try {
        return await this.client.createTask(endpoint, body, job.signal);
      } catch (error) {
        const action = actionOf(error);
        if (action === "terminal") {
          // e.g. "external_task_id already exists": the lost answer had created it after all.
          const found = uncertain ? await lookUp() : null;
          if (found) return found;
          throw terminal(error);
        }
        if (action === "ambiguous") uncertain = true;
        await this.backoff(attempt, deadline, job.signal, error);
      }
    }
  }

  /** The omni-video body: the elements created on Kling first (once per account), the reference images inlined. */
  private async omniBody(job: EngineJob, model: string, frames: { image?: string; imageTail?: string; callbackUrl: string | null }, deadline: number) {
    const references = job.references ?? [];
    const { config } = this.options;
    const elementIds = await klingElementIds(references, klingAccount(config.baseUrl, config.credentials), {
      create: (body) => this.once(() => this.client.createElement(body, job.signal), deadline, job.signal),
      query: (taskId) => this.retrying(() => this.client.queryElement(taskId, job.signal), deadline, job.signal),
      pause: () => (Date.now() + config.pollIntervalMs > deadline ? Promise.reject(new EngineError("Kling has not finished creating an element; the job will try again.", true)) : sleep(config.pollIntervalMs, job.signal)),
      signal: job.signal,
    });
    const elements = references.flatMap((r) => (r.kind === "element" ? [r] : [])).map((r, i) => ({ name: r.name, elementId: elementIds[i]! }));
    const referenceImages = await Promise.all(references.flatMap((r) => (r.kind === "image" ? [klingImage(r.imagePath, job.signal)] : [])));
    return klingOmniBody({
      generationId: job.generationId,
      request: job.request,
      model: KLING_OMNI_MODELS.includes(model) ? model : KLING_OMNI_DEFAULT,
      ...frames,
      referenceImages,
      elements,
    });
  }

  /** A create request: retried through rate limits and outages, but not after an answer that may hide a created task. */
  private async once<T>(request: () => Promise<T>, deadline: number, signal: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        const action = actionOf(error);
        if (action === "terminal") throw terminal(error);
        if (action === "ambiguous") throw new EngineError(`Kling's answer to creating an element was lost (${error instanceof Error ? error.message : String(error)}); the job will try again.`, true);
        await this.backoff(attempt, deadline, signal, error);
      }
    }
  }

  private async follow(endpoint: KlingEndpoint, first: KlingTask, job: EngineJob, deadline: number): Promise<KlingTask> {
    const { pollIntervalMs, pollTimeoutMs } = this.options.config;
    let task = first;
    let interval = pollIntervalMs;
    for (;;) {
      if (task.task_status === "succeed" || task.task_status === "failed") return task;
      await job.onProgress(estimatedProgress(task, endpoint, Date.now()));
      const left = deadline - Date.now();
      if (left <= 0) {
        const waited = pollTimeoutMs >= 60_000 ? `${Math.round(pollTimeoutMs / 60_000)} minutes` : `${Math.round(pollTimeoutMs / 1000)} s`;
        throw new EngineError(`Kling has not finished this video after ${waited}; it will be checked again, not submitted again.`, true);
      }
      // A callback only wakes us: its content is never trusted, the task is queried again.
      await this.options.waitForHint(job.generationId, Math.min(interval, left), job.signal);
      interval = Math.min(interval * 1.5, pollIntervalMs * 6);
      task = (await this.retrying(() => this.client.queryTask(endpoint, task.task_id, job.signal), deadline, job.signal)) ?? task;
    }
  }

  /** Repeats a request that is safe to repeat (a query) through rate limits, outages and lost answers. */
  private async retrying<T>(request: () => Promise<T>, deadline: number, signal: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        if (actionOf(error) === "terminal") throw terminal(error);
        await this.backoff(attempt, deadline, signal, error);
      }
    }
  }

  /** Exponential back-off from KLING_RETRY_BASE_MS with jitter; past the deadline the attempt ends (transient: retried later). */
  private async backoff(attempt: number, deadline: number, signal: AbortSignal, cause: unknown): Promise<void> {
    const step = Math.min(MAX_BACKOFF_MS, this.options.config.retryBaseMs * 2 ** attempt);
    const delay = step + Math.random() * step * 0.25;
    if (Date.now() + delay > deadline) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new EngineError(`Kling stayed unavailable or busy (${reason}); the job will try again.`, true);
    }
    await sleep(delay, signal);
  }
}

async function download(url: string, file: string, signal: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS)]) });
  } catch (error) {
    signal.throwIfAborted();
    throw new EngineError(`The finished video could not be downloaded from Kling: ${error instanceof Error ? error.message : String(error)}`, true);
  }
  if (!response.ok || !response.body) throw new EngineError(`The finished video could not be downloaded from Kling (HTTP ${response.status}).`, true);
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(file));
}

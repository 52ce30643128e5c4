import "server-only";
import { z } from "zod";
import type { KlingAuth } from "./auth";
import { KlingApiError, KlingNetworkError } from "./errors";

/** The task families we use; a task is queried under the path it was created on. */
export type KlingEndpoint = "text2video" | "image2video" | "omni-video";

const taskSchema = z.object({
  task_id: z.string().min(1),
  task_status: z.enum(["submitted", "processing", "succeed", "failed"]),
  task_status_msg: z.string().nullish(),
  task_info: z.object({ external_task_id: z.string().nullish() }).nullish(),
  task_result: z
    .object({ videos: z.array(z.object({ id: z.string().nullish(), url: z.string().min(1), duration: z.string().nullish() })).nullish() })
    .nullish(),
  final_unit_deduction: z.string().nullish(),
  /** Unix milliseconds. */
  created_at: z.number().nullish(),
});
export type KlingTask = z.output<typeof taskSchema>;

/** An element-creation task (POST /v1/general/advanced-custom-elements); its result carries the element's id. */
const elementTaskSchema = z.object({
  task_id: z.string().min(1),
  task_status: z.enum(["submitted", "processing", "succeed", "failed"]),
  task_status_msg: z.string().nullish(),
  task_result: z
    .object({ elements: z.array(z.object({ element_id: z.union([z.string(), z.number()]).transform(String) })).nullish() })
    .nullish(),
});
export type KlingElementTask = z.output<typeof elementTaskSchema>;

const ELEMENTS_PATH = "/v1/general/advanced-custom-elements";

const envelopeSchema = z.object({ code: z.number().int(), message: z.string().default(""), request_id: z.string().nullish(), data: z.unknown().optional() });

/** Kling's HTTP API: the JSON envelope, auth with one re-sign on 1003/1004, request timeouts. */
export class KlingClient {
  constructor(
    private readonly options: { baseUrl: string; requestTimeoutMs: number },
    private readonly auth: KlingAuth,
  ) {}

  async createTask(endpoint: KlingEndpoint, body: Record<string, unknown>, signal: AbortSignal): Promise<KlingTask> {
    return taskSchema.parse(await this.call("POST", `/v1/videos/${endpoint}`, body, signal));
  }

  /** The task by Kling's task id or our external_task_id; null when Kling has no such task. */
  async queryTask(endpoint: KlingEndpoint, id: string, signal: AbortSignal): Promise<KlingTask | null> {
    try {
      return taskSchema.parse(await this.call("GET", `/v1/videos/${endpoint}/${encodeURIComponent(id)}`, undefined, signal));
    } catch (error) {
      if (error instanceof KlingApiError && (error.code === 1203 || (error.code === -1 && error.httpStatus === 404))) return null;
      throw error;
    }
  }

  async createElement(body: Record<string, unknown>, signal: AbortSignal): Promise<KlingElementTask> {
    return elementTaskSchema.parse(await this.call("POST", ELEMENTS_PATH, body, signal));
  }

  async queryElement(taskId: string, signal: AbortSignal): Promise<KlingElementTask> {
    return elementTaskSchema.parse(await this.call("GET", `${ELEMENTS_PATH}/${encodeURIComponent(taskId)}`, undefined, signal));
  }

  private async call(method: string, path: string, body: unknown, signal: AbortSignal): Promise<unknown> {
    try {
      return await this.once(method, path, body, signal);
    } catch (error) {
      if (!(error instanceof KlingApiError) || error.action !== "resign" || !this.auth.canResign) throw error;
      this.auth.invalidate();
      return this.once(method, path, body, signal);
    }
  }

  private async once(method: string, path: string, body: unknown, signal: AbortSignal): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers: { authorization: this.auth.authorization(), ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.options.requestTimeoutMs)]),
      });
      text = await response.text();
    } catch (error) {
      signal.throwIfAborted();
      throw new KlingNetworkError(`No answer from Kling (${method} ${path}): ${error instanceof Error ? error.message : String(error)}`);
    }
    let envelope: z.output<typeof envelopeSchema> | null = null;
    try {
      envelope = envelopeSchema.parse(JSON.parse(text));
    } catch {
      envelope = null;
    }
    if (!envelope) throw new KlingApiError(response.status, -1, `unexpected answer: ${text.slice(0, 200)}`, null);
    if (envelope.code !== 0 || !response.ok) throw new KlingApiError(response.status, envelope.code, envelope.message, envelope.request_id ?? null);
    return envelope.data;
  }
}

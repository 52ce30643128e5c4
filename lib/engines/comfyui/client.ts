import "server-only";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { EngineError } from "../types";
import type { Workflow } from "./template";

/** The server did not answer (refused, reset, timed out, or a proxy's 502–504): it may be restarting. */
export class ComfyuiUnreachableError extends Error {}

export type OutputFile = { filename: string; subfolder: string; type: string };

export type HistoryEntry = {
  outputs: Record<string, Record<string, unknown>>;
  status?: { status_str?: string; completed?: boolean; messages?: [string, Record<string, unknown>][] };
};

export type PromptState = { kind: "pending" } | { kind: "running" } | { kind: "finished"; entry: HistoryEntry } | { kind: "missing" };

const REQUEST_TIMEOUT_MS = 30_000;
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
const MESSAGE_MAX = 600;

/** ComfyUI's error bodies: { error: { message, details }, node_errors: { id: { class_type, errors: [...] } } }. */
function describeRefusal(body: unknown): string {
  const b = (body ?? {}) as { error?: { message?: string; details?: string } | string; node_errors?: Record<string, { class_type?: string; errors?: { message?: string; details?: string }[] }> };
  const parts: string[] = [];
  if (typeof b.error === "string") parts.push(b.error);
  else if (b.error?.message) parts.push([b.error.message, b.error.details].filter(Boolean).join(": "));
  for (const [id, node] of Object.entries(b.node_errors ?? {})) {
    for (const e of node.errors ?? []) parts.push(`${node.class_type ?? "node"} (node ${id}): ${[e.message, e.details].filter(Boolean).join(": ")}`);
  }
  return (parts.join("; ") || "no reason given").slice(0, MESSAGE_MAX);
}

/** The HTTP API of one ComfyUI server. */
export class ComfyuiClient {
  constructor(readonly base: URL) {}

  private async request(route: string, init: RequestInit & { timeoutMs?: number } = {}, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(init.timeoutMs ?? REQUEST_TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetch(new URL(route, this.base), { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
      signal?.throwIfAborted();
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new ComfyuiUnreachableError(`${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    if ([502, 503, 504].includes(response.status)) throw new ComfyuiUnreachableError(`HTTP ${response.status} from ${route}`);
    return response;
  }

  private async json<T>(route: string, init?: RequestInit): Promise<T> {
    const response = await this.request(route, init);
    if (!response.ok) throw new EngineError(`ComfyUI answered ${route} with HTTP ${response.status}: ${(await response.text()).slice(0, MESSAGE_MAX)}`, true);
    return (await response.json()) as T;
  }

  /** Queues the workflow under our own prompt id; a refused workflow is a permanent failure with ComfyUI's reason. */
  async submit(workflow: Workflow, promptId: string, clientId: string): Promise<void> {
    const response = await this.request("prompt", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: workflow, prompt_id: promptId, client_id: clientId }),
    });
    const body = (await response.json().catch(() => null)) as { prompt_id?: string; error?: unknown; node_errors?: Record<string, unknown> } | null;
    if (response.status === 400) throw new EngineError(`ComfyUI refused the workflow: ${describeRefusal(body)}`, false);
    if (!response.ok) throw new EngineError(`ComfyUI answered /prompt with HTTP ${response.status}: ${describeRefusal(body)}`, true);
    // Servers older than prompt_id support pick their own id: we could not find the run again, so it must not run.
    if (body?.prompt_id !== promptId) {
      if (body?.prompt_id) await this.cancel(body.prompt_id).catch(() => {});
      throw new EngineError(`This ComfyUI server does not accept a prompt_id (it answered "${body?.prompt_id}"): update ComfyUI.`, false);
    }
  }

  /**
   * Where the prompt is. The queue is read before the history: ComfyUI moves a finished prompt from
   * one to the other under one lock, so a prompt seen in neither, in this order, is really gone.
   */
  async locate(promptId: string): Promise<PromptState> {
    type Entry = [number, string, ...unknown[]];
    const queue = await this.json<{ queue_running: Entry[]; queue_pending: Entry[] }>("queue");
    if (queue.queue_running.some((e) => e[1] === promptId)) return { kind: "running" };
    if (queue.queue_pending.some((e) => e[1] === promptId)) return { kind: "pending" };
    const history = await this.json<Record<string, HistoryEntry>>(`history/${encodeURIComponent(promptId)}`);
    const entry = history[promptId];
    return entry ? { kind: "finished", entry } : { kind: "missing" };
  }

  /** Uploads an input image (overwriting one of the same name) and returns the name a LoadImage node takes. */
  async uploadImage(file: string, name: string): Promise<string> {
    const form = new FormData();
    form.append("image", new Blob([await readFile(file)]), name);
    form.append("overwrite", "true");
    const uploaded = await this.json<{ name: string; subfolder?: string }>("upload/image", { method: "POST", body: form });
    return uploaded.subfolder ? `${uploaded.subfolder}/${uploaded.name}` : uploaded.name;
  }

  async download(file: OutputFile, destination: string, signal: AbortSignal): Promise<void> {
    const query = new URLSearchParams({ filename: file.filename, subfolder: file.subfolder, type: file.type });
    const response = await this.request(`view?${query}`, { timeoutMs: DOWNLOAD_TIMEOUT_MS }, signal);
    if (!response.ok || !response.body) throw new EngineError(`ComfyUI could not send the output ${path.posix.join(file.subfolder, file.filename)} (HTTP ${response.status}).`, true);
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(destination));
  }

  /** Stops our prompt: interrupts it if it is the one running, else takes it off the queue. Never touches another prompt. */
  async cancel(promptId: string): Promise<void> {
    const state = await this.locate(promptId);
    const post = (route: string, body: unknown) => this.request(route, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (state.kind === "running") await post("interrupt", { prompt_id: promptId });
    else if (state.kind === "pending") await post("queue", { delete: [promptId] });
  }
}

import { readFileSync } from "node:fs";
import type { GenerationRequest } from "../../validation/generation";
import { parseWorkflowTemplate, WorkflowTemplateError, type WorkflowTemplate } from "./template";
import defaultI2v from "./workflows/default-i2v.json";
import defaultT2v from "./workflows/default-t2v.json";

/**
 * The ComfyUI engine's configuration from the environment. Read at start-up (lib/runtime/boot.ts)
 * when ComfyUI is configured, so a bad URL or workflow stops start-up rather than failing jobs.
 */

type Env = Record<string, string | undefined>;

export type ComfyuiConfig = {
  url: URL;
  templates: Record<GenerationRequest["kind"], WorkflowTemplate>;
  /** How long a vanished or unreachable server is waited for before the attempt gives up (and is retried). */
  restartWaitMs: number;
};

// Imported rather than read from disk, so they travel inside the server bundle.
const DEFAULTS = {
  text_to_video: { raw: defaultT2v, source: "lib/engines/comfyui/workflows/default-t2v.json" },
  image_to_video: { raw: defaultI2v, source: "lib/engines/comfyui/workflows/default-i2v.json" },
} as const;

function loadTemplate(file: string | undefined, kind: GenerationRequest["kind"]): WorkflowTemplate {
  if (!file) return parseWorkflowTemplate(DEFAULTS[kind].raw, kind, DEFAULTS[kind].source);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new WorkflowTemplateError(`Cannot read the ComfyUI workflow template ${file}: ${(error as Error).message}`);
  }
  return parseWorkflowTemplate(raw, kind, file);
}

export function loadComfyuiConfig(env: Env = process.env): ComfyuiConfig {
  const raw = env.COMFYUI_URL;
  if (!raw) throw new WorkflowTemplateError("COMFYUI_URL is not set: point it at your ComfyUI server, e.g. http://127.0.0.1:8188.");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WorkflowTemplateError(`COMFYUI_URL is not a URL: "${raw}".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new WorkflowTemplateError(`COMFYUI_URL must be http:// or https://, not "${raw}".`);
  // Routes resolve against the URL: behind a path prefix (a reverse proxy's /comfyui) it must end in "/".
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  const wait = Number(env.COMFYUI_RESTART_WAIT_SECONDS ?? 300);
  if (!Number.isFinite(wait) || wait < 0) throw new WorkflowTemplateError(`COMFYUI_RESTART_WAIT_SECONDS must be a number of seconds, not "${env.COMFYUI_RESTART_WAIT_SECONDS}".`);
  return {
    url,
    templates: {
      text_to_video: loadTemplate(env.COMFYUI_WORKFLOW_T2V, "text_to_video"),
      image_to_video: loadTemplate(env.COMFYUI_WORKFLOW_I2V, "image_to_video"),
    },
    restartWaitMs: wait * 1000,
  };
}

/** Whether this installation uses ComfyUI: a mode is routed to it, or its URL is set (then its configuration is checked at start-up). */
export function comfyuiConfigured(env: Env = process.env): boolean {
  return Boolean(env.COMFYUI_URL) || [env.ENGINE_STANDARD, env.ENGINE_PROFESSIONAL].some((route) => route?.trim() === "comfyui");
}

/**
 * How many references the configured template for `kind` takes ({{reference_image_N}}
 * placeholders), for submit to refuse more before anything is charged.
 */
export function comfyuiReferenceSlots(kind: GenerationRequest["kind"], env: Env = process.env): number {
  const file = kind === "text_to_video" ? env.COMFYUI_WORKFLOW_T2V : env.COMFYUI_WORKFLOW_I2V;
  return loadTemplate(file, kind).referenceSlots;
}

import { z } from "zod";
import type { GenerationRequest } from "../../validation/generation";
import type { Size } from "../local/geometry";

/**
 * Workflow templates: a ComfyUI workflow in API format ("prompt", as POSTed to /prompt) whose
 * inputs may be whole-value placeholders such as "{{seed}}", plus what Reelsmith must know about
 * the model ("reelsmith"): its frame rate, frame-count and size granularity, sizes per mode and
 * CFG range. Placeholders are replaced in the parsed JSON by typed values, never spliced into text.
 */

const PLACEHOLDERS = ["prompt", "negative_prompt", "image", "seed", "width", "height", "frames", "cfg", "fps"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = { [K in Exclude<Placeholder, "image">]: K extends "prompt" | "negative_prompt" ? string : number } & {
  image?: string;
  /** {{reference_image_1}} … : the uploaded picture of each reference (an element's frontal image). */
  references?: string[];
};

/** Reference placeholders: {{reference_image_1}} up to the most references a request may name. */
const REFERENCE = /^reference_image_([1-7])$/;

type Kind = GenerationRequest["kind"];

/** What each kind of template must contain; fps is optional (not every save node takes one). */
const REQUIRED: Record<Kind, readonly Placeholder[]> = {
  text_to_video: ["prompt", "negative_prompt", "seed", "width", "height", "frames", "cfg"],
  image_to_video: ["prompt", "negative_prompt", "image", "seed", "width", "height", "frames", "cfg"],
};

const positiveInt = z.number().int().positive();

const modelSchema = z.strictObject({
  model: z.string().min(1),
  fps: positiveInt.max(60),
  /** The model makes step·n + 1 frames (Wan: 4, LTX-Video: 8). */
  frameStep: positiveInt,
  /** Width and height are multiples of this (latent size × VAE factor). */
  sizeStep: positiveInt,
  shortSide: z.strictObject({ standard: positiveInt, professional: positiveInt }),
  /** Our cfgScale 0 (creative) … 1 (relevant) maps linearly onto this range of the model's CFG. */
  cfg: z.strictObject({ min: z.number().min(0), max: z.number().positive() }).refine((c) => c.max >= c.min, "max must be at least min"),
});

const nodeSchema = z.looseObject({ class_type: z.string().min(1), inputs: z.record(z.string(), z.unknown()) });

const templateFileSchema = z.strictObject({
  reelsmith: modelSchema,
  prompt: z.record(z.string(), nodeSchema).refine((nodes) => Object.keys(nodes).length > 0, "the workflow has no nodes"),
});

export type ModelInfo = z.output<typeof modelSchema>;
export type Workflow = Record<string, { class_type: string; inputs: Record<string, unknown> }>;
/** `referenceSlots`: how many {{reference_image_N}} placeholders the workflow has (numbered from 1), the references it takes. */
export type WorkflowTemplate = { source: string; model: ModelInfo; workflow: Workflow; referenceSlots: number };

export class WorkflowTemplateError extends Error {}

const WHOLE = /^\{\{(\w+)\}\}$/;
const ANY = /\{\{\s*(\w+)\s*\}\}/;

/** Every value inside `value`, with its JSON path. */
function* leaves(value: unknown, at: string): Generator<[string, unknown]> {
  if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* leaves(item, `${at}[${i}]`);
  else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) yield* leaves(item, `${at}.${key}`);
  else yield [at, value];
}

/** Parses and checks a template file's content for `kind`; the error names the file and what to fix. */
export function parseWorkflowTemplate(raw: unknown, kind: Kind, source: string): WorkflowTemplate {
  const parsed = templateFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new WorkflowTemplateError(`Invalid ComfyUI workflow template ${source}:\n${problems.join("\n")}`);
  }
  const found = new Set<string>();
  const problems: string[] = [];
  for (const [at, value] of leaves(parsed.data.prompt, "prompt")) {
    if (typeof value !== "string") continue;
    const whole = WHOLE.exec(value);
    const name = whole?.[1] ?? ANY.exec(value)?.[1];
    if (!name) continue;
    if (!whole) problems.push(`${at}: a placeholder must be the whole value ("{{${name}}}"), not part of a text`);
    else if (REFERENCE.test(name)) found.add(name);
    else if (!(PLACEHOLDERS as readonly string[]).includes(name)) problems.push(`${at}: unknown placeholder {{${name}}} (known: ${PLACEHOLDERS.join(", ")})`);
    else if (name === "image" && kind === "text_to_video") problems.push(`${at}: {{image}} has no value in a text-to-video workflow`);
    else found.add(name);
  }
  for (const name of REQUIRED[kind]) if (!found.has(name)) problems.push(`(workflow): no {{${name}}} placeholder, which ${kind.replaceAll("_", "-")} needs`);
  const slots = [...found].filter((name) => REFERENCE.test(name)).length;
  for (let n = 1; n <= slots; n++) if (!found.has(`reference_image_${n}`)) problems.push(`(workflow): reference placeholders are numbered from 1 without gaps; {{reference_image_${n}}} is missing`);
  if (problems.length > 0) throw new WorkflowTemplateError(`Invalid ComfyUI workflow template ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return { source, model: parsed.data.reelsmith, workflow: parsed.data.prompt as Workflow, referenceSlots: slots };
}

/** The workflow with every placeholder replaced by its value (a fresh copy; the template is untouched). */
export function fillWorkflow(template: WorkflowTemplate, values: PlaceholderValues): Workflow {
  const fill = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    const name = typeof value === "string" ? WHOLE.exec(value)?.[1] : undefined;
    if (!name) return value;
    const reference = REFERENCE.exec(name);
    // A request with fewer references than slots fills the rest with its last one.
    const filled = reference ? (values.references?.[Math.min(Number(reference[1]), values.references.length) - 1]) : values[name as Exclude<Placeholder, "image"> | "image"];
    if (filled === undefined) throw new WorkflowTemplateError(`No value for {{${name}}} in ${template.source}.`);
    return filled;
  };
  return fill(template.workflow) as Workflow;
}

export type RenderGeometry = Size & { fps: number; frames: number };

const ASPECT = { "16:9": 16 / 9, "9:16": 9 / 16, "1:1": 1 } as const;

/**
 * The size, rate and frame count to ask the model for: the mode's short side, the requested aspect
 * ratio (image-to-video: the image's), sides rounded to the model's size step, and at least
 * duration × fps frames in the model's step·n + 1 form.
 */
export function renderGeometry(model: ModelInfo, request: GenerationRequest, image?: Size): RenderGeometry {
  const ratio = request.kind === "text_to_video" ? ASPECT[request.aspectRatio] : image ? image.width / image.height : 16 / 9;
  const round = (n: number) => Math.max(model.sizeStep, model.sizeStep * Math.round(n / model.sizeStep));
  const short = model.shortSide[request.mode];
  const [width, height] = ratio >= 1 ? [round(short * ratio), round(short)] : [round(short), round(short / ratio)];
  const wanted = request.duration * model.fps;
  const frames = Math.ceil((wanted - 1) / model.frameStep) * model.frameStep + 1;
  return { width, height, fps: model.fps, frames };
}

/** Our cfgScale (0 creative … 1 relevant) on the model's CFG scale, to two decimals. */
export function modelCfg(model: ModelInfo, cfgScale: number): number {
  return Math.round((model.cfg.min + (model.cfg.max - model.cfg.min) * cfgScale) * 100) / 100;
}

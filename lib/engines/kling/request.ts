import { KLING_MODELS, type KlingModel } from "../capabilities";
import type { CameraControl, GenerationRequest } from "../../validation/generation";
import { toKlingPrompt } from "../../elements/mentions";

/** Our request → Kling's create-task body (shared/reference/kling-api.md §1.5–1.7). */

export type KlingTaskInput = {
  generationId: string;
  request: GenerationRequest;
  model: KlingModel;
  /** Raw base64 (no data: prefix) of the start / end frame, image-to-video only. */
  image?: string;
  imageTail?: string;
  callbackUrl: string | null;
};

const KLING_MODE = { standard: "std", professional: "pro" } as const;

/** Our camera axes carry Kling's own names, so a single-axis move is `simple` with that one field set. */
export function klingCameraControl(camera: CameraControl): Record<string, unknown> {
  if (camera.type === "master") return { type: camera.shot };
  const config = { horizontal: 0, vertical: 0, pan: 0, tilt: 0, roll: 0, zoom: 0, [camera.axis]: camera.value };
  return { type: "simple", config };
}

/**
 * A storyboard as Kling 3.0's multi-shot fields (kling-api.md §1.10a): custom shots as
 * `customize` with every shot's prompt and length (strings, like `duration`); an automatic one as
 * `intelligence`, where Kling splits the top-level prompt itself.
 */
function klingStoryboard(request: GenerationRequest, prompt: (text: string) => string = (text) => text): Record<string, unknown> {
  if (request.shotType === "automatic") return { multi_shot: true, shot_type: "intelligence" };
  const shots = (request.shots ?? []).map((shot, i) => ({ index: i + 1, prompt: prompt(shot.prompt), duration: String(shot.duration) }));
  return { multi_shot: true, shot_type: "customize", multi_prompt: shots };
}

export function klingTaskBody({ generationId, request, model, image, imageTail, callbackUrl }: KlingTaskInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model_name: model,
    mode: KLING_MODE[request.mode],
    duration: String(request.duration),
    external_task_id: generationId,
  };
  // Image-to-video may go without a prompt: the field is then left out, not sent empty.
  if (request.prompt) body.prompt = request.prompt;
  if (request.shots) Object.assign(body, klingStoryboard(request));
  if (request.negativePrompt) body.negative_prompt = request.negativePrompt;
  if (KLING_MODELS[model].cfgScale) body.cfg_scale = request.cfgScale;
  if (request.cameraControl) body.camera_control = klingCameraControl(request.cameraControl);
  if (request.audio) body.sound = "on";
  if (request.kind === "text_to_video") body.aspect_ratio = request.aspectRatio;
  if (image) body.image = image;
  if (imageTail) body.image_tail = imageTail;
  if (callbackUrl) body.callback_url = callbackUrl;
  return body;
}

export type KlingOmniInput = {
  generationId: string;
  request: GenerationRequest;
  /** An omni model: kling-v3-omni or kling-video-o1. */
  model: string;
  /** Raw base64 of the start / end frame and of each plain reference image, in request order. */
  image?: string;
  imageTail?: string;
  referenceImages: string[];
  /** The elements' names (as the prompt mentions them with @) and Kling's element ids, in request order. */
  elements: { name: string; elementId: string }[];
  callbackUrl: string | null;
};

/**
 * Our request → Kling's omni-video body (§1.10, §1.10a): reference images and the frames in
 * image_list (<<<image_n>>> counts the reference images, which come first), elements in
 * element_list, and each @name of the prompt rewritten to its <<<element_n>>>.
 */
export function klingOmniBody({ generationId, request, model, image, imageTail, referenceImages, elements, callbackUrl }: KlingOmniInput): Record<string, unknown> {
  const imageList = [
    ...referenceImages.map((image_url) => ({ image_url })),
    ...(image ? [{ image_url: image, type: "first_frame" }] : []),
    ...(imageTail ? [{ image_url: imageTail, type: "end_frame" }] : []),
  ];
  const body: Record<string, unknown> = {
    model_name: model,
    mode: KLING_MODE[request.mode],
    duration: String(request.duration),
    external_task_id: generationId,
    sound: request.audio ? "on" : "off",
  };
  const names = elements.map((e) => e.name);
  const mentions = (text: string) => toKlingPrompt(text, names);
  if (request.prompt) body.prompt = mentions(request.prompt);
  // Omni 3.0 takes storyboards too; each shot's @names point at the same element_list.
  if (request.shots) Object.assign(body, klingStoryboard(request, mentions));
  // Without a first frame the video's shape must be said.
  if (request.kind === "text_to_video") body.aspect_ratio = request.aspectRatio;
  if (imageList.length) body.image_list = imageList;
  if (elements.length) body.element_list = elements.map(({ elementId }) => ({ element_id: elementId }));
  if (callbackUrl) body.callback_url = callbackUrl;
  return body;
}

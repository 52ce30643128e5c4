import { KLING_MODELS, type KlingModel } from "../capabilities";
import type { CameraControl, GenerationRequest } from "../../validation/generation";

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
function klingStoryboard(request: GenerationRequest): Record<string, unknown> {
  if (request.shotType === "automatic") return { multi_shot: true, shot_type: "intelligence" };
  const shots = (request.shots ?? []).map((shot, i) => ({ index: i + 1, prompt: shot.prompt, duration: String(shot.duration) }));
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

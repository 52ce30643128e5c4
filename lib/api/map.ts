import type { z } from "zod";
import { generationRequestSchema, imageToVideoSchema, type CameraControl, type GenerationRequest, type Reference } from "../validation/generation";
import { CAMERA_AXES } from "../validation/limits";
import { ApiError } from "./errors";
import { describeIssue, klingWording } from "./issues";
import type { Image2VideoRequest, OmniVideoRequest, Text2VideoRequest } from "./schemas";

export type TaskKind = "text2video" | "image2video" | "video-extend" | "omni-video";
/** The kinds created from a full Kling video request (an extension takes only a video and a prompt; omni-video maps onto these). */
export type VideoTaskKind = "text2video" | "image2video";

/** Our field names → Kling's, so a refusal names the field the client sent. */
const KLING_FIELD: Record<string, string> = {
  prompt: "prompt",
  negativePrompt: "negative_prompt",
  cfgScale: "cfg_scale",
  mode: "mode",
  duration: "duration",
  cameraControl: "camera_control",
  aspectRatio: "aspect_ratio",
  startImageId: "image",
  endImageId: "image_tail",
  audio: "sound",
  references: "element_list",
};

/** Kling's camera_control as ours: `simple` with exactly one moving axis, or a preset with no config. */
export function mapCameraControl(camera: Text2VideoRequest["camera_control"]): CameraControl | undefined {
  if (!camera) return undefined;
  if (camera.type !== "simple") {
    if (camera.config && Object.values(camera.config).some((v) => v)) {
      throw new ApiError(1201, `Invalid camera_control.config: the preset ${camera.type} takes no config; leave it out.`);
    }
    return { type: "master", shot: camera.type };
  }
  const moving = CAMERA_AXES.filter((axis) => camera.config?.[axis]);
  if (moving.length !== 1) {
    const got = moving.length === 0 ? "none is" : `${moving.join(" and ")} are`;
    throw new ApiError(1201, `Invalid camera_control.config: type simple moves exactly one of ${CAMERA_AXES.join(", ")} (non-zero); ${got}.`);
  }
  return { type: "axis", axis: moving[0]!, value: camera.config![moving[0]!]! };
}

function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input, { error: klingWording });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ApiError(1201, describeIssue(issue, KLING_FIELD[String(issue.path[0])] ?? issue.path.join(".")));
}

function ourFields(kind: VideoTaskKind, body: Text2VideoRequest | Image2VideoRequest) {
  const common = {
    prompt: body.prompt ?? "",
    negativePrompt: body.negative_prompt,
    cfgScale: body.cfg_scale,
    mode: body.mode === "pro" ? "professional" : "standard",
    duration: body.duration === undefined ? undefined : Number(body.duration),
    audio: body.sound === "on",
    cameraControl: mapCameraControl(body.camera_control),
    count: 1,
  };
  return kind === "text2video" ? { kind: "text_to_video", aspectRatio: (body as Text2VideoRequest).aspect_ratio, ...common } : { kind: "image_to_video", ...common };
}

const imageFieldsLater = imageToVideoSchema.omit({ startImageId: true, endImageId: true });

/** Checks every field but the images, before any image is fetched or stored. Throws ApiError 1201 naming the Kling field. */
export function checkTaskFields(kind: VideoTaskKind, body: Text2VideoRequest | Image2VideoRequest): void {
  const fields = ourFields(kind, body);
  parseOrRefuse(kind === "text2video" ? generationRequestSchema : imageFieldsLater, fields);
}

/** A Kling request as our generation request (one video per task, like Kling), its images given as stored asset ids. */
export function toGenerationRequest(
  kind: VideoTaskKind,
  body: Text2VideoRequest | Image2VideoRequest,
  images: { startImageId?: string; endImageId?: string } = {},
  references?: Reference[],
): GenerationRequest {
  return parseOrRefuse(generationRequestSchema, { ...ourFields(kind, body), ...(kind === "image2video" ? images : {}), ...(references?.length ? { references } : {}) });
}

/** An omni-video request as the text2video (no first frame) or image2video request it is, images and elements aside. */
export function omniAsVideoRequest(body: OmniVideoRequest): { kind: VideoTaskKind; body: Text2VideoRequest | Image2VideoRequest } {
  const first = body.image_list?.some((image) => image.type === "first_frame");
  const common = { prompt: body.prompt, mode: body.mode, sound: body.sound, duration: body.duration };
  return first ? { kind: "image2video", body: common } : { kind: "text2video", body: { ...common, aspect_ratio: body.aspect_ratio } };
}

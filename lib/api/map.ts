import type { z } from "zod";
import { generationRequestSchema, type CameraControl, type GenerationRequest, type Reference } from "../validation/generation";
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
  shots: "multi_prompt",
  shotType: "shot_type",
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

/** Kling's multi_shot, shot_type and multi_prompt as our storyboard fields (kling-api.md §1.10a). */
export function mapStoryboard(body: Text2VideoRequest | Image2VideoRequest): { shotType?: "custom" | "automatic"; shots?: { prompt: string; duration: number }[] } {
  const { multi_shot: multiShot, shot_type: shotType, multi_prompt: shots } = body;
  if (!multiShot) {
    if (shotType || shots) throw new ApiError(1201, "Invalid multi_shot: must be true when shot_type or multi_prompt is given.");
    return {};
  }
  if (!shotType) throw new ApiError(1201, "Invalid shot_type: required when multi_shot is true (customize or intelligence).");
  if (shotType !== "customize") {
    if (shots) throw new ApiError(1201, "Invalid multi_prompt: only with shot_type customize; under intelligence the prompt is split into shots.");
    return { shotType: "automatic" };
  }
  if (!shots) throw new ApiError(1201, "Invalid multi_prompt: required when shot_type is customize (the shots, each with index, prompt and duration).");
  const ordered = [...shots].sort((a, b) => a.index - b.index);
  const misplaced = ordered.findIndex((shot, i) => shot.index !== i + 1);
  if (misplaced >= 0) throw new ApiError(1201, `Invalid multi_prompt: the indexes must be 1 to ${shots.length}, each once; ${misplaced + 1} is missing.`);
  return { shotType: "custom", shots: ordered.map((shot) => ({ prompt: shot.prompt, duration: Number(shot.duration) })) };
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
    ...mapStoryboard(body),
    count: 1,
  };
  return kind === "text2video" ? { kind: "text_to_video", aspectRatio: (body as Text2VideoRequest).aspect_ratio, ...common } : { kind: "image_to_video", ...common };
}

/** Stands in for the images' asset ids, which exist only once the images are fetched and checked. */
const IMAGES_CHECKED_LATER = { startImageId: "checked-later" };

/** Checks every field but the images (storyboard rules included), before any image is fetched or stored. Throws ApiError 1201 naming the Kling field. */
export function checkTaskFields(kind: VideoTaskKind, body: Text2VideoRequest | Image2VideoRequest): void {
  const fields = ourFields(kind, body);
  parseOrRefuse(generationRequestSchema, kind === "text2video" ? fields : { ...fields, ...IMAGES_CHECKED_LATER });
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

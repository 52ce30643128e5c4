import type { z } from "zod";

/** Kling fields this server knows but does not offer, with what to do instead. */
const UNSUPPORTED_FIELDS: Record<string, string> = {
  multi_shot: "multi-shot video is not available through this API",
  shot_type: "multi-shot video is not available through this API",
  multi_prompt: "multi-shot video is not available through this API",
  voice_list: "voices are not supported; use sound \"on\" for generated audio",
  element_list: "elements are not supported",
  static_mask: "motion brush masks are not supported; use camera_control or image_tail",
  dynamic_masks: "motion brush masks are not supported; use camera_control or image_tail",
  model: "use model_name",
  watermark_info: "free plans are served a watermarked video and paid plans a clean one",
  aspect_ratio: "image2video follows the aspect ratio of the image",
};

/** One zod issue as a Kling 1201 message that names the field. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const field = issue.keys[0]!;
    const why = UNSUPPORTED_FIELDS[field];
    return why ? `Unsupported field ${field}: ${why}.` : `Unknown field ${field}: remove it (see /api/openapi.json for the fields this API takes).`;
  }
  const path = issue.path.map(String).join(".");
  return path ? `Invalid ${path}: ${issue.message}` : issue.message;
}

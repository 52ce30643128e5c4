import type { z } from "zod";
import { problemOf } from "../validation/messages";

/** Kling fields this server knows but does not offer, with what to do instead. */
const UNSUPPORTED_FIELDS: Record<string, string> = {
  voice_list: "voices are not supported; use sound \"on\" for generated audio",
  element_list: "elements are not supported",
  static_mask: "motion brush masks are not supported; use camera_control or image_tail",
  dynamic_masks: "motion brush masks are not supported; use camera_control or image_tail",
  model: "use model_name",
  watermark_info: "free plans are served a watermarked video and paid plans a clean one",
  aspect_ratio: "image2video follows the aspect ratio of the image",
};

/**
 * How the public API words a refused field that its schema does not word itself: after the field's
 * name ("Invalid seed: must be a whole number."), as a per-parse error map.
 */
export const klingWording: z.core.$ZodErrorMap = (issue) => problemOf(issue);

/** "Invalid <field>: <reason>." with exactly one period, whether or not the reason brought its own. */
export function invalidField(field: string, reason: string): string {
  return `Invalid ${field}: ${reason.replace(/[.\s]+$/, "")}.`;
}

/** One zod issue as a Kling 1201 message that names the field (`field` renames it, e.g. our cfgScale as cfg_scale). */
export function describeIssue(issue: z.core.$ZodIssue, field = issue.path.map(String).join(".")): string {
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    const why = UNSUPPORTED_FIELDS[key];
    return why ? `Unsupported field ${key}: ${why}.` : `Unknown field ${key}: remove it (see /api/openapi.json for the fields this API takes).`;
  }
  return invalidField(field || "request body", issue.message);
}

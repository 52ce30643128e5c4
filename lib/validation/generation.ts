import { z } from "zod";
import { ASPECT_RATIOS, CAMERA_AXES, MASTER_SHOTS, MODES, PROMPT_MAX } from "./limits";
import { line, text } from "./text";
import { REFERENCES_MAX } from "../elements/limits";

// One schema per generation request kind, shared by the studio, the HTTP API and the worker.
// Parameter names and ranges follow Kling's API (see shared/reference/kling-api.md §1.5–1.7).

export * from "./limits";

export const cameraControlSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("axis"),
    axis: z.enum(CAMERA_AXES, { error: `Camera axis must be one of ${CAMERA_AXES.join(", ")}.` }),
    value: z.number().min(-10, "Camera values go from -10 to 10.").max(10, "Camera values go from -10 to 10.").refine((v) => v !== 0, "A camera value of 0 is no movement: leave the camera out instead."),
  }),
  z.strictObject({
    type: z.literal("master"),
    shot: z.enum(MASTER_SHOTS, { error: `Master shot must be one of ${MASTER_SHOTS.join(", ")}.` }),
  }),
]);
export type CameraControl = z.output<typeof cameraControlSchema>;

/** A saved element or a plain reference picture (an upload) the video should show. */
export const referenceSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("element"), elementId: line().min(1, "An element id must not be empty.").max(200, "An element id is at most 200 characters.") }),
    z.strictObject({ kind: z.literal("image"), imageId: line().min(1, "A reference image id must not be empty.").max(200, "A reference image id is at most 200 characters.") }),
  ],
  { error: "A reference is an element ({ kind: \"element\", elementId }) or an image ({ kind: \"image\", imageId })." },
);
export type Reference = z.output<typeof referenceSchema>;

const common = {
  negativePrompt: text().max(PROMPT_MAX, `The negative prompt is limited to ${PROMPT_MAX} characters.`).default(""),
  cfgScale: z.number().min(0, "Creativity ↔ relevance goes from 0 to 1.").max(1, "Creativity ↔ relevance goes from 0 to 1.").default(0.5),
  mode: z.enum(MODES, { error: "Mode must be standard or professional." }).default("standard"),
  duration: z.union([z.literal(5), z.literal(10)], { error: "Length must be 5 or 10 seconds." }).default(5),
  count: z.number().int().min(1, "Generate 1 to 4 videos at a time.").max(4, "Generate 1 to 4 videos at a time.").default(1),
  audio: z.boolean().default(false),
  seed: z.number().int().min(0, "The seed must be between 0 and 2147483647.").max(2_147_483_647, "The seed must be between 0 and 2147483647.").optional(),
  cameraControl: cameraControlSchema.optional(),
  references: z.array(referenceSchema).max(REFERENCES_MAX, `A video takes at most ${REFERENCES_MAX} references (elements and reference images together).`).optional(),
};

const textToVideoSchema = z.strictObject({
  kind: z.literal("text_to_video"),
  prompt: text().trim().min(1, "Write a prompt: say what the video should show.").max(PROMPT_MAX, `The prompt is limited to ${PROMPT_MAX} characters.`),
  aspectRatio: z.enum(ASPECT_RATIOS, { error: "Aspect ratio must be 16:9, 9:16 or 1:1." }).default("16:9"),
  ...common,
});

export const imageToVideoSchema = z.strictObject({
  kind: z.literal("image_to_video"),
  prompt: text().trim().max(PROMPT_MAX, `The prompt is limited to ${PROMPT_MAX} characters.`).default(""),
  startImageId: line().min(1, "Add a start frame.").max(200, "The start frame id is at most 200 characters."),
  endImageId: line().min(1, "The end frame id must not be empty.").max(200, "The end frame id is at most 200 characters.").optional(),
  ...common,
});

export const generationRequestSchema = z.discriminatedUnion("kind", [textToVideoSchema, imageToVideoSchema], {
  error: "Kind must be text_to_video or image_to_video.",
});
export type GenerationRequest = z.output<typeof generationRequestSchema>;
export type GenerationRequestInput = z.input<typeof generationRequestSchema>;

/** Extending a finished video: the shot continues from its last frame, at its mode and size. */
export const extendRequestSchema = z.strictObject({
  prompt: text().trim().max(PROMPT_MAX, `The prompt is limited to ${PROMPT_MAX} characters.`).default(""),
  negativePrompt: common.negativePrompt.optional(),
  cfgScale: common.cfgScale.optional(),
});
export type ExtendRequest = z.output<typeof extendRequestSchema>;

/** The Idempotency-Key header of a submit (studio routes and the public API alike). */
export const idempotencyKeySchema = line().trim().min(1, "Idempotency-Key must not be empty.").max(200, "Idempotency-Key is at most 200 characters.").optional();

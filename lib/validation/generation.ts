import { z } from "zod";
import { splitIntoShots } from "../storyboard/split";
import { ASPECT_RATIOS, CAMERA_AXES, CLIP_SECONDS, MASTER_SHOTS, MODES, PROMPT_MAX, SHOT_PROMPT_MAX, SHOT_TYPES, SHOTS_MAX, SHOTS_MIN } from "./limits";
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
const LENGTH_RANGE = `Length must be a whole number of seconds from ${CLIP_SECONDS[0]} to ${CLIP_SECONDS[CLIP_SECONDS.length - 1]}.`;

/** One shot of a storyboard: its own prompt, length and camera move (limits checked in `shotList`, so messages name the shot). */
export const shotSchema = z.strictObject({
  prompt: text().trim(),
  duration: z.number({ error: "A shot's length is a whole number of seconds, at least 1." }),
  cameraControl: cameraControlSchema.optional(),
});
export type Shot = z.output<typeof shotSchema>;

const SHOT_COUNT = `A storyboard has ${SHOTS_MIN} to ${SHOTS_MAX} shots.`;

const shotList = z
  .array(shotSchema)
  .min(SHOTS_MIN, SHOT_COUNT)
  .max(SHOTS_MAX, SHOT_COUNT)
  .superRefine((shots, ctx) => {
    for (const [i, shot] of shots.entries()) {
      const issue = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [i, field], message: `Shot ${i + 1}: ${message}` });
      if (!shot.prompt) issue("prompt", "write its prompt: say what the shot shows.");
      if (shot.prompt.length > SHOT_PROMPT_MAX) issue("prompt", `its prompt is limited to ${SHOT_PROMPT_MAX} characters (it has ${shot.prompt.length}).`);
      if (!Number.isInteger(shot.duration) || shot.duration < 1) issue("duration", `its length must be a whole number of seconds, at least 1 (it is ${shot.duration}).`);
    }
  });

/** A storyboard (multi-shot video): present together, checked against the length by `storyboardRules`. */
const storyboard = {
  shots: shotList.optional(),
  shotType: z.enum(SHOT_TYPES, { error: "The storyboard type must be custom or automatic." }).optional(),
};

const common = {
  negativePrompt: text().max(PROMPT_MAX, `The negative prompt is limited to ${PROMPT_MAX} characters.`).default(""),
  cfgScale: z.number().min(0, "Creativity ↔ relevance goes from 0 to 1.").max(1, "Creativity ↔ relevance goes from 0 to 1.").default(0.5),
  mode: z.enum(MODES, { error: "Mode must be standard or professional." }).default("standard"),
  duration: z
    .number({ error: LENGTH_RANGE })
    .int(LENGTH_RANGE)
    .min(CLIP_SECONDS[0], LENGTH_RANGE)
    .max(CLIP_SECONDS[CLIP_SECONDS.length - 1]!, LENGTH_RANGE)
    .default(5),
  count: z.number().int().min(1, "Generate 1 to 4 videos at a time.").max(4, "Generate 1 to 4 videos at a time.").default(1),
  audio: z.boolean().default(false),
  seed: z.number().int().min(0, "The seed must be between 0 and 2147483647.").max(2_147_483_647, "The seed must be between 0 and 2147483647.").optional(),
  cameraControl: cameraControlSchema.optional(),
  references: z.array(referenceSchema).max(REFERENCES_MAX, `A video takes at most ${REFERENCES_MAX} references (elements and reference images together).`).optional(),
  ...storyboard,
};

const textToVideoSchema = z.strictObject({
  kind: z.literal("text_to_video"),
  // Required unless the shots say it all (a custom storyboard): see storyboardRules.
  prompt: text().trim().max(PROMPT_MAX, `The prompt is limited to ${PROMPT_MAX} characters.`).default(""),
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

type SingleRequest = z.output<typeof textToVideoSchema> | z.output<typeof imageToVideoSchema>;

/**
 * The rules across fields: text-to-video needs a prompt unless its shots carry them; an automatic
 * storyboard gets its shots from the prompt (the split the studio shows); shots last exactly the
 * length; the camera moves per shot, not for the whole video.
 */
function storyboardRules<R extends SingleRequest>(request: R, ctx: z.core.$RefinementCtx<R>): R {
  const issue = (path: PropertyKey[], message: string) => ctx.issues.push({ code: "custom", input: request, path, message });
  if (!request.shots && !request.shotType) {
    if (request.kind === "text_to_video" && !request.prompt) issue(["prompt"], "Write a prompt: say what the video should show.");
    return request;
  }
  let { shots } = request;
  if (request.shotType === "automatic" && !shots) {
    if (!request.prompt) {
      issue(["prompt"], "An automatic storyboard is split from the prompt: write a prompt (or write each shot yourself with a custom storyboard).");
      return request;
    }
    shots = splitIntoShots(request.prompt, request.duration);
  }
  if (!shots) {
    issue(["shots"], `A custom storyboard needs its shots: add ${SHOTS_MIN} to ${SHOTS_MAX} shots, or choose an automatic storyboard.`);
    return request;
  }
  const total = shots.reduce((sum, shot) => sum + shot.duration, 0);
  if (total !== request.duration) {
    issue(["shots"], `The shots last ${shots.map((s) => s.duration).join(" + ")} = ${total} s but the video's length is ${request.duration} s: make the shot lengths add up to the length.`);
  }
  if (request.cameraControl) issue(["cameraControl"], "A storyboard moves the camera per shot: set the camera on each shot instead of the whole video.");
  return { ...request, shots, shotType: request.shotType ?? "custom" };
}

export const generationRequestSchema = z
  .discriminatedUnion("kind", [textToVideoSchema, imageToVideoSchema], {
    error: "Kind must be text_to_video or image_to_video.",
  })
  .transform(storyboardRules);
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

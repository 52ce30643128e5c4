import { z } from "zod";
import { line, text } from "../validation/text";
import { ASPECT_RATIOS, CAMERA_AXES, CLIP_SECONDS, MASTER_SHOTS, PROMPT_MAX, SHOT_PROMPT_MAX } from "../validation/limits";
import { ELEMENT_DESCRIPTION_MAX, ELEMENT_NAME_MAX, REFERENCE_IMAGES_MAX, REFERENCES_MAX } from "../elements/limits";

// Request and response shapes of the public API, named and typed as in Kling's API
// (shared/reference/kling-api.md §1.3–1.7). The OpenAPI document is generated from these.

const T2V_MODELS = ["kling-v1", "kling-v1-6", "kling-v2-master", "kling-v2-1-master", "kling-v2-5-turbo", "kling-v2-6", "kling-v3"] as const;
const I2V_MODELS = [...T2V_MODELS, "kling-v1-5", "kling-v2-1"] as const;

const prompt = text().max(PROMPT_MAX, `at most ${PROMPT_MAX} characters`);
const LENGTHS = CLIP_SECONDS.map(String) as [string, ...string[]];

const cameraConfig = z
  .strictObject(
    Object.fromEntries(CAMERA_AXES.map((axis) => [axis, z.number().min(-10, "from -10 to 10").max(10, "from -10 to 10").optional()])) as Record<
      (typeof CAMERA_AXES)[number],
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .meta({ description: "For type simple: exactly one of the six movements non-zero, each from -10 to 10." });

export const cameraControlSchema = z
  .strictObject({
    type: z.enum(["simple", ...MASTER_SHOTS], { error: `one of simple, ${MASTER_SHOTS.join(", ")}` }),
    config: cameraConfig.optional(),
  })
  .meta({ description: "simple with a config, or a preset move (down_back, forward_up, right_turn_forward, left_turn_forward) without one." });

const common = {
  negative_prompt: prompt.optional(),
  cfg_scale: z.number().min(0, "from 0 to 1").max(1, "from 0 to 1").optional().meta({ description: "0–1, default 0.5: higher keeps closer to the prompt." }),
  mode: z.enum(["std", "pro"], { error: 'std or pro' }).optional().meta({ description: "std (720p, default) or pro (1080p, paid plans)." }),
  sound: z.enum(["on", "off"], { error: "on or off" }).optional(),
  camera_control: cameraControlSchema.optional(),
  duration: z
    .union([z.enum(LENGTHS), z.number().int().min(CLIP_SECONDS[0]).max(CLIP_SECONDS.at(-1)!)], { error: `must be "${LENGTHS[0]}" to "${LENGTHS.at(-1)}" (seconds, as a string)` })
    .optional()
    .meta({ description: `Seconds, as a string: "${LENGTHS[0]}" to "${LENGTHS.at(-1)}", "5" by default. Which lengths a mode offers depends on its engine (older Kling models and ComfyUI: "5" or "10").` }),
  multi_shot: z.boolean({ error: "true or false" }).optional().meta({ description: "A storyboard: 2–6 shots in one video (needs shot_type; engines: local, kling-v3)." }),
  shot_type: z
    .enum(["customize", "intelligence", "intelligent"], { error: "customize or intelligence" })
    .optional()
    .meta({ description: "customize: the shots are multi_prompt; intelligence: the prompt is split into shots." }),
  multi_prompt: z
    .array(
      z.strictObject({
        index: z.number().int("a whole number").min(1, "from 1"),
        prompt: text().max(SHOT_PROMPT_MAX, `at most ${SHOT_PROMPT_MAX} characters`),
        duration: z.union([z.string().regex(/^\d+$/, "a whole number of seconds, as a string"), z.number().int("a whole number")], { error: 'seconds, as a string ("1" or more)' }),
      }),
    )
    .optional()
    .meta({ description: `With shot_type customize: the shots in order (index 1, 2, …), each a prompt ≤ ${SHOT_PROMPT_MAX} characters and a duration ≥ "1"; the durations add up to duration.` }),
  // Control characters are refused before the URL parser, which would quietly percent-encode them.
  callback_url: line().max(2048, "at most 2048 characters").pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })).meta({ format: "uri" }).optional(),
  external_task_id: line().min(1, "must not be empty").max(200, "at most 200 characters").optional().meta({ description: "Your own id for the task, unique among your tasks." }),
};

export const text2videoRequestSchema = z
  .strictObject({
    model_name: z.enum(T2V_MODELS, { error: `one of ${T2V_MODELS.join(", ")}` }).optional(),
    prompt: prompt.optional().meta({ description: "What the video shows (required, except for a multi_shot customize storyboard, whose shots say it)." }),
    aspect_ratio: z.enum(ASPECT_RATIOS, { error: "16:9, 9:16 or 1:1" }).optional(),
    ...common,
  })
  .meta({ title: "Text2VideoRequest" });
export type Text2VideoRequest = z.output<typeof text2videoRequestSchema>;

const image = line().min(1, "must not be empty").meta({ description: "An http(s) URL, or the raw base64 of a JPEG/PNG/WebP (no data: prefix); ≥300 px a side, ≤10 MB." });

export const image2videoRequestSchema = z
  .strictObject({
    model_name: z.enum(I2V_MODELS, { error: `one of ${I2V_MODELS.join(", ")}` }).optional(),
    image: image.optional().meta({ description: "The start frame (required): URL or raw base64." }),
    image_tail: image.optional().meta({ description: "The end frame: URL or raw base64." }),
    prompt: prompt.optional(),
    ...common,
  })
  .meta({ title: "Image2VideoRequest" });
export type Image2VideoRequest = z.output<typeof image2videoRequestSchema>;

const OMNI_MODELS = ["kling-video-o1", "kling-v3-omni"] as const;

export const omniVideoRequestSchema = z
  .strictObject({
    model_name: z.enum(OMNI_MODELS, { error: `one of ${OMNI_MODELS.join(", ")}` }).optional(),
    prompt: prompt.meta({ description: "What the video shows (required); <<<element_n>>> and <<<image_n>>> name the n-th element and the n-th reference image (an image_list entry without type)." }),
    image_list: z
      .array(
        z.strictObject({
          image_url: image,
          type: z.enum(["first_frame", "end_frame"], { error: "first_frame or end_frame" }).optional().meta({ description: "Leave out for a reference image." }),
        }),
      )
      .max(REFERENCES_MAX, `at most ${REFERENCES_MAX} images`)
      .optional(),
    element_list: z
      .array(z.strictObject({ element_id: line().min(1, "must not be empty").max(200, "at most 200 characters") }))
      .max(REFERENCES_MAX, `at most ${REFERENCES_MAX} elements`)
      .optional()
      .meta({ description: "Elements made with POST /v1/general/advanced-custom-elements." }),
    aspect_ratio: z.enum(ASPECT_RATIOS, { error: "16:9, 9:16 or 1:1" }).optional(),
    mode: common.mode,
    sound: common.sound,
    duration: common.duration,
    callback_url: common.callback_url,
    external_task_id: common.external_task_id,
  })
  .refine((body) => (body.image_list?.length ?? 0) + (body.element_list?.length ?? 0) <= REFERENCES_MAX, {
    message: `image_list and element_list hold at most ${REFERENCES_MAX} entries together`,
    path: ["element_list"],
  })
  .meta({ title: "OmniVideoRequest", description: "Elements and reference images (7 slots in all), with an optional first and end frame." });
export type OmniVideoRequest = z.output<typeof omniVideoRequestSchema>;

/** Kling's element tags; o_101 ("trending") is Kling's own and is stored as other. */
export const ELEMENT_TAG_IDS = { o_101: "other", o_102: "character", o_103: "animal", o_104: "prop", o_105: "outfit", o_106: "scene", o_107: "effect", o_108: "other" } as const;

export const elementRequestSchema = z
  .strictObject({
    element_name: line().min(1, "must not be empty").max(ELEMENT_NAME_MAX, `at most ${ELEMENT_NAME_MAX} characters`),
    element_description: line().max(ELEMENT_DESCRIPTION_MAX, `at most ${ELEMENT_DESCRIPTION_MAX} characters`).optional(),
    reference_type: z.literal("image_refer", { error: "image_refer (this server makes elements from images, not videos)" }).optional(),
    element_image_list: z.strictObject({
      frontal_image: image,
      refer_images: z.array(z.strictObject({ image_url: image })).min(1, `1 to ${REFERENCE_IMAGES_MAX} images`).max(REFERENCE_IMAGES_MAX, `1 to ${REFERENCE_IMAGES_MAX} images`),
    }),
    tag_list: z.array(z.strictObject({ tag_id: z.enum(Object.keys(ELEMENT_TAG_IDS) as [keyof typeof ELEMENT_TAG_IDS], { error: "from o_101 to o_108" }) })).max(8).optional(),
  })
  .meta({ title: "ElementRequest", description: "An element from a frontal image and 1–3 more pictures of the same subject." });
export type ElementRequest = z.output<typeof elementRequestSchema>;

export const elementTaskSchema = z
  .object({
    task_id: z.string(),
    task_status: z.enum(["succeed"]),
    task_status_msg: z.string(),
    task_result: z.object({
      elements: z.array(z.object({ element_id: z.string(), element_name: z.string(), element_description: z.string(), tag_list: z.array(z.object({ tag_id: z.string() })) })),
    }),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .meta({ title: "ElementTask", description: "Elements are made at once: the task has succeeded when it is answered; its task_id is the element_id." });
export type ElementTask = z.output<typeof elementTaskSchema>;

export const videoExtendRequestSchema = z
  .strictObject({
    video_id: line().min(1, "must not be empty").max(200, "at most 200 characters").meta({ description: "The task_result.videos[].id of a finished task of yours (any kind, extensions included)." }),
    prompt: prompt.optional().meta({ description: "What happens next; the original prompt when left out." }),
    negative_prompt: common.negative_prompt,
    cfg_scale: common.cfg_scale,
    callback_url: common.callback_url,
    external_task_id: common.external_task_id,
  })
  .meta({ title: "VideoExtendRequest", description: "Continues the video for 5 more seconds from its last frame, at its mode; the result is the whole, longer video (at most 3 minutes)." });
export type VideoExtendRequest = z.output<typeof videoExtendRequestSchema>;

export const listQuerySchema = z.object({
  pageNum: z.coerce.number().int("a whole number").min(1, "from 1 to 1000").max(1000, "from 1 to 1000").default(1),
  pageSize: z.coerce.number().int("a whole number").min(1, "from 1 to 500").max(500, "from 1 to 500").default(30),
});

const TASK_STATUSES = ["submitted", "processing", "succeed", "failed"] as const;

export const taskSchema = z
  .object({
    task_id: z.string(),
    task_status: z.enum(TASK_STATUSES),
    task_status_msg: z.string().meta({ description: "Why the task failed; empty otherwise." }),
    task_info: z.object({ external_task_id: z.string().nullable() }),
    task_result: z.object({
      videos: z.array(
        z.object({
          id: z.string(),
          url: z.string().meta({ description: "A signed download link to the MP4; it expires (query the task again for a fresh one)." }),
          duration: z.string().meta({ description: "Seconds, as a string." }),
        }),
      ),
    }),
    final_unit_deduction: z.string().meta({ description: "Credits charged (0 once refunded)." }),
    created_at: z.number().int().meta({ description: "Unix milliseconds." }),
    updated_at: z.number().int().meta({ description: "Unix milliseconds." }),
  })
  .meta({ title: "Task" });
export type Task = z.output<typeof taskSchema>;

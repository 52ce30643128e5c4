import "server-only";
import { db } from "../db/client";
import type { GenerationKind, Prisma } from "../db/generated/client";
import { isUniqueViolation } from "../db/sql";
import { deleteUnreferencedAssets } from "../generations/delete";
import { submitExtension } from "../generations/extend";
import { submitGeneration, type SubmitOptions, type SubmitResult } from "../generations/submit";
import { storeCheckedImage } from "../storage/assets";
import type { ApiCaller } from "./auth";
import { ApiError, klingRefusal } from "./errors";
import { readImageField } from "./images";
import { invalidField } from "./issues";
import { checkTaskFields, omniAsVideoRequest, toGenerationRequest, type TaskKind, type VideoTaskKind } from "./map";
import { checkUrl, UnsafeUrlError } from "./safe-fetch";
import type { Image2VideoRequest, OmniVideoRequest, Task, Text2VideoRequest, VideoExtendRequest } from "./schemas";
import type { Reference } from "../validation/generation";
import { presentTask } from "./task";

const KIND: Record<Exclude<TaskKind, "omni-video">, GenerationKind> = { text2video: "text_to_video", image2video: "image_to_video", "video-extend": "extend" };

/** The generations a kind's query and list see: omni-video tasks are the text- and image-to-video jobs created through it. */
function kindWhere(kind: TaskKind): Prisma.GenerationWhereInput {
  if (kind === "omni-video") return { kind: { in: ["text_to_video", "image_to_video"] }, params: { path: ["api", "kind"], equals: "omni-video" } };
  return { kind: KIND[kind] };
}

function duplicateExternalId(id: string, taskId?: string): ApiError {
  const existing = taskId ? ` by task ${taskId}` : "";
  return new ApiError(1201, `Invalid external_task_id: "${id}" is already used${existing}; query that task, or choose a new id.`);
}

async function storeImages(caller: ApiCaller, body: Image2VideoRequest, created: string[]) {
  if (!body.image) throw new ApiError(1201, "Invalid image: the start frame is required (an end frame alone is not supported).");
  const fields: ["image" | "image_tail", string][] = [["image", body.image], ...(body.image_tail ? [["image_tail", body.image_tail] as ["image_tail", string]] : [])];
  // Both are fetched and checked before either is stored.
  const images = await Promise.all(fields.map(([field, value]) => readImageField(field, value)));
  const ids: string[] = [];
  for (const image of images) {
    const { asset, created: isNew } = await storeCheckedImage(caller.user.id, image);
    if (isNew) created.push(asset.id);
    ids.push(asset.id);
  }
  return { startImageId: ids[0], endImageId: ids[1] };
}

type Context = { baseUrl: string; idempotencyKey?: string };
type Delivery = { callback_url?: string; external_task_id?: string };

/** Checks what every create shares: a callback URL that is not literally private, an unused external_task_id. */
async function checkDelivery(caller: ApiCaller, body: Delivery, context: Context) {
  if (body.callback_url) {
    // A literal private address is refused now; a name that resolves to one is refused at delivery.
    try {
      checkUrl(body.callback_url);
    } catch (error) {
      if (error instanceof UnsafeUrlError) throw new ApiError(1201, invalidField("callback_url", error.message));
      throw error;
    }
  }
  // With an Idempotency-Key a retried create is answered by submit's replay instead.
  if (body.external_task_id && !context.idempotencyKey) {
    const existing = await db().generation.findFirst({ where: { userId: caller.user.id, externalTaskId: body.external_task_id }, select: { id: true } });
    if (existing) throw duplicateExternalId(body.external_task_id, existing.id);
  }
}

/**
 * Runs a create through the studio's own submit (credits, plan rules, content policy, queueing
 * over the plan's concurrency) and answers the task; images stored for a create that is then
 * refused (`created`) are removed again, so a refusal leaves nothing behind.
 */
async function submitTask(
  caller: ApiCaller,
  body: Delivery,
  context: Context,
  created: string[],
  submit: (options: SubmitOptions) => Promise<SubmitResult>,
  kind?: "omni-video",
): Promise<Task> {
  await checkDelivery(caller, body, context);
  try {
    const { generations } = await submit({
      externalTaskId: body.external_task_id,
      callbackUrl: body.callback_url,
      idempotencyKey: context.idempotencyKey,
      api: { keyId: caller.key.id, baseUrl: context.baseUrl, ...(kind ? { kind } : {}) },
    });
    return presentTask(generations[0]!, context.baseUrl);
  } catch (error) {
    if (created.length) await deleteUnreferencedAssets(caller.user.id, created);
    const refusal = klingRefusal(error);
    if (refusal) throw refusal;
    // Two creates with one external_task_id at once: the unique index lets one through.
    if (isUniqueViolation(error) && body.external_task_id) throw duplicateExternalId(body.external_task_id);
    throw error;
  }
}

/** Creates a text2video or image2video task. Fields are checked before any image is fetched. */
export async function createTask(caller: ApiCaller, kind: VideoTaskKind, body: Text2VideoRequest | Image2VideoRequest, context: Context): Promise<Task> {
  checkTaskFields(kind, body);
  const created: string[] = [];
  return submitTask(caller, body, context, created, async (options) => {
    const images = kind === "image2video" ? await storeImages(caller, body as Image2VideoRequest, created) : {};
    return submitGeneration(caller.user, toGenerationRequest(kind, body, images), options);
  });
}

/**
 * Creates an omni-video task: its first and end frames and reference images stored as uploads
 * (all fetched and checked before any is stored), its elements the caller's own, as the text- or
 * image-to-video job with references it is.
 */
export async function createOmniTask(caller: ApiCaller, body: OmniVideoRequest, context: Context): Promise<Task> {
  const frames = (type: string) => (body.image_list ?? []).filter((entry) => entry.type === type).length;
  if (frames("first_frame") > 1 || frames("end_frame") > 1) throw new ApiError(1201, "Invalid image_list: at most one first_frame and one end_frame.");
  if (frames("end_frame") && !frames("first_frame")) throw new ApiError(1201, "Invalid image_list: an end_frame needs a first_frame.");
  const { kind, body: videoBody } = omniAsVideoRequest(body);
  checkTaskFields(kind, videoBody);
  const created: string[] = [];
  return submitTask(
    caller,
    body,
    context,
    created,
    async (options) => {
      const list = body.image_list ?? [];
      const checked = await Promise.all(list.map((entry, i) => readImageField(`image_list[${i}].image_url`, entry.image_url)));
      const ids: string[] = [];
      for (const image of checked) {
        const { asset, created: isNew } = await storeCheckedImage(caller.user.id, image);
        if (isNew) created.push(asset.id);
        ids.push(asset.id);
      }
      const frame = (type: string) => ids[list.findIndex((entry) => entry.type === type)];
      const references: Reference[] = [
        ...(body.element_list ?? []).map((e): Reference => ({ kind: "element", elementId: e.element_id })),
        ...list.flatMap((entry, i): Reference[] => (entry.type ? [] : [{ kind: "image", imageId: ids[i]! }])),
      ];
      return submitGeneration(caller.user, toGenerationRequest(kind, videoBody, { startImageId: frame("first_frame"), endImageId: frame("end_frame") }, references), options);
    },
    "omni-video",
  );
}

/** Creates a video-extend task: the caller's finished video, continued from its last frame. */
export async function createExtendTask(caller: ApiCaller, body: VideoExtendRequest, context: Context): Promise<Task> {
  return submitTask(caller, body, context, [], async (options) => {
    const parent = await db().generation.findFirst({ where: { userId: caller.user.id, outputVideoId: body.video_id }, select: { id: true } });
    if (!parent) throw new ApiError(1201, `Invalid video_id: "${body.video_id}" is not the video of a finished task of yours.`);
    return submitExtension(caller.user, parent.id, { prompt: body.prompt ?? "", negativePrompt: body.negative_prompt, cfgScale: body.cfg_scale }, options);
  });
}

/** One of the caller's tasks of this kind, by task_id or by external_task_id. */
export async function findTask(userId: string, kind: TaskKind, id: string, baseUrl: string): Promise<Task> {
  const g = await db().generation.findFirst({ where: { userId, ...kindWhere(kind), OR: [{ id }, { externalTaskId: id }] } });
  if (!g) throw new ApiError(1203, `No ${kind} task with task_id or external_task_id "${id}".`);
  return presentTask(g, baseUrl);
}

/** The caller's tasks of this kind, newest first, a page at a time. */
export async function listTasks(userId: string, kind: TaskKind, page: { pageNum: number; pageSize: number }, baseUrl: string): Promise<Task[]> {
  const rows = await db().generation.findMany({
    where: { userId, ...kindWhere(kind) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page.pageNum - 1) * page.pageSize,
    take: page.pageSize,
  });
  return rows.map((g) => presentTask(g, baseUrl));
}

import "server-only";
import type { NextRequest } from "next/server";
import { DEFAULT_JSON_LIMIT_BYTES, readHeader } from "../http/input";
import { publicBaseUrl } from "../http/origin";
import { idempotencyKeySchema } from "../validation/generation";
import type { TaskKind, VideoTaskKind } from "./map";
import { klingWording } from "./issues";
import { apiRoute } from "./route";
import { createApiElement, findApiElement, listApiElements } from "./elements";
import { elementRequestSchema, image2videoRequestSchema, listQuerySchema, omniVideoRequestSchema, text2videoRequestSchema, videoExtendRequestSchema } from "./schemas";
import { createExtendTask, createOmniTask, createTask, findTask, listTasks } from "./tasks";

const BODY = { text2video: text2videoRequestSchema, image2video: image2videoRequestSchema } as const;

/** Room for two base64 images at the 10 MB limit (4/3 of their size) and the other fields; a text request is a few KB. */
const MAX_BODY_BYTES = { text2video: DEFAULT_JSON_LIMIT_BYTES, image2video: 30 * 1024 * 1024 } as const;

function createContext(req: NextRequest) {
  return { baseUrl: publicBaseUrl(req.headers, req.nextUrl), idempotencyKey: readHeader(req, "Idempotency-Key", idempotencyKeySchema, klingWording) };
}

const list = (kind: TaskKind) =>
  apiRoute({ query: listQuerySchema }, async ({ req, query, user }) => ({ data: await listTasks(user.id, kind, query, publicBaseUrl(req.headers, req.nextUrl)) }));

/** POST (create) and GET (list) of /v1/videos/<kind>. */
export function taskCollection(kind: VideoTaskKind) {
  return {
    POST: apiRoute({ body: BODY[kind], maxBodyBytes: MAX_BODY_BYTES[kind] }, async ({ req, body, key, user }) => ({ data: await createTask({ key, user }, kind, body, createContext(req)) })),
    GET: list(kind),
  };
}

/** POST (create) and GET (list) of /v1/videos/video-extend. */
export function extendCollection() {
  return {
    POST: apiRoute({ body: videoExtendRequestSchema }, async ({ req, body, key, user }) => ({ data: await createExtendTask({ key, user }, body, createContext(req)) })),
    GET: list("video-extend"),
  };
}

/** Room for the base64 of a request's pictures at the 10 MB limit: up to 9 for omni-video (7 slots and two frames), 4 for an element. */
const MANY_IMAGES_BYTES = 64 * 1024 * 1024;

/** POST (create) and GET (list) of /v1/videos/omni-video. */
export function omniCollection() {
  return {
    POST: apiRoute({ body: omniVideoRequestSchema, maxBodyBytes: MANY_IMAGES_BYTES }, async ({ req, body, key, user }) => ({ data: await createOmniTask({ key, user }, body, createContext(req)) })),
    GET: list("omni-video"),
  };
}

/** POST (create) and GET (list) of /v1/general/advanced-custom-elements. */
export function elementCollection() {
  return {
    POST: apiRoute({ body: elementRequestSchema, maxBodyBytes: MANY_IMAGES_BYTES }, async ({ body, key, user }) => ({ data: await createApiElement({ key, user }, body) })),
    GET: apiRoute({ query: listQuerySchema }, async ({ query, user }) => ({ data: await listApiElements(user.id, query) })),
  };
}

/** GET /v1/general/advanced-custom-elements/<task_id> (= element_id). */
export function elementItem() {
  return apiRoute({ params: ["id"] }, async ({ params, user }) => ({ data: await findApiElement(user.id, params.id) }));
}

/** GET /v1/videos/<kind>/<task_id or external_task_id>. */
export function taskItem(kind: TaskKind) {
  return apiRoute({ params: ["id"] }, async ({ req, params, user }) => ({ data: await findTask(user.id, kind, params.id, publicBaseUrl(req.headers, req.nextUrl)) }));
}

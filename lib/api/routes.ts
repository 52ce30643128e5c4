import "server-only";
import type { NextRequest } from "next/server";
import { publicBaseUrl } from "../http/origin";
import { idempotencyKeySchema } from "../validation/generation";
import { ApiError } from "./errors";
import type { TaskKind, VideoTaskKind } from "./map";
import { apiRoute } from "./route";
import { image2videoRequestSchema, listQuerySchema, text2videoRequestSchema, videoExtendRequestSchema } from "./schemas";
import { createExtendTask, createTask, findTask, listTasks } from "./tasks";

const BODY = { text2video: text2videoRequestSchema, image2video: image2videoRequestSchema } as const;

function createContext(req: NextRequest) {
  const idempotencyKey = idempotencyKeySchema.safeParse(req.headers.get("idempotency-key") ?? undefined);
  if (!idempotencyKey.success) throw new ApiError(1201, `Invalid Idempotency-Key: ${idempotencyKey.error.issues[0]!.message}`);
  return { baseUrl: publicBaseUrl(req.headers, req.nextUrl), idempotencyKey: idempotencyKey.data };
}

const list = (kind: TaskKind) =>
  apiRoute({ query: listQuerySchema }, async ({ req, query, user }) => ({ data: await listTasks(user.id, kind, query, publicBaseUrl(req.headers, req.nextUrl)) }));

/** POST (create) and GET (list) of /v1/videos/<kind>. */
export function taskCollection(kind: VideoTaskKind) {
  return {
    POST: apiRoute({ body: BODY[kind] }, async ({ req, body, key, user }) => ({ data: await createTask({ key, user }, kind, body, createContext(req)) })),
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

/** GET /v1/videos/<kind>/<task_id or external_task_id>. */
export function taskItem(kind: TaskKind) {
  return apiRoute({ params: ["id"] }, async ({ req, params, user }) => ({ data: await findTask(user.id, kind, params.id, publicBaseUrl(req.headers, req.nextUrl)) }));
}

import { z } from "zod";
import { KLING_CODES } from "./errors";
import type { TaskKind } from "./map";
import { batchListQuerySchema, batchRequestSchema } from "../validation/batch";
import { elementRequestSchema, elementTaskSchema, image2videoRequestSchema, listQuerySchema, omniVideoRequestSchema, taskSchema, text2videoRequestSchema, videoExtendRequestSchema } from "./schemas";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  // The dialect is the document's own (OpenAPI 3.1 is JSON Schema 2020-12), not repeated per schema.
  delete generated.$schema;
  return generated;
}

const envelope = (data: JsonSchema) => ({
  type: "object",
  required: ["code", "message", "request_id"],
  properties: { code: { type: "integer", const: 0 }, message: { type: "string", const: "SUCCEED" }, request_id: { type: "string" }, data },
});

const errorResponse = { description: "An error: see the error codes table", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };

function collection(kind: TaskKind | "advanced-custom-elements", summary: string, request: string, result = "Task") {
  return {
    post: {
      operationId: `create_${kind.replace("-", "_")}`,
      summary: `Create a ${summary} task`,
      parameters: [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 200 }, description: "Retrying with the same key returns the same task, charged once." }],
      requestBody: { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${request}` } } } },
      responses: { "200": { description: "The task, submitted", content: { "application/json": { schema: envelope({ $ref: `#/components/schemas/${result}` }) } } }, default: errorResponse },
    },
    get: {
      operationId: `list_${kind.replace("-", "_")}`,
      summary: `List your ${summary} tasks, newest first`,
      parameters: Object.entries((jsonSchema(listQuerySchema, "input").properties ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => ({ name, in: "query", required: false, schema })),
      responses: { "200": { description: "A page of tasks", content: { "application/json": { schema: envelope({ type: "array", items: { $ref: `#/components/schemas/${result}` } }) } } }, default: errorResponse },
    },
  };
}

function item(kind: TaskKind | "advanced-custom-elements", summary: string, result = "Task") {
  return {
    get: {
      operationId: `get_${kind.replace("-", "_")}`,
      summary: `Query one ${summary} task`,
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" }, description: "The task_id, or your external_task_id." }],
      responses: { "200": { description: "The task", content: { "application/json": { schema: envelope({ $ref: `#/components/schemas/${result}` }) } } }, default: errorResponse },
    },
  };
}

const count = { type: "integer", minimum: 0 };
const batchSchema = {
  type: "object",
  required: ["batch_id", "created_at", "finished_at", "done", "total", "counts", "task_ids"],
  properties: {
    batch_id: { type: "string" },
    created_at: { type: "integer", description: "Milliseconds since 1970." },
    finished_at: { type: ["integer", "null"], description: "When its last job ended." },
    done: { type: "boolean" },
    total: { type: "integer" },
    counts: { type: "object", required: ["queued", "running", "succeeded", "failed", "canceled"], properties: { queued: count, running: count, succeeded: count, failed: count, canceled: count } },
    task_ids: { type: "array", items: { type: "string" }, description: "In request order; each is a task of /v1/videos/<kind>/{id}." },
  },
};

const batches = {
  post: {
    operationId: "create_batch",
    summary: "Submit up to 100 requests (the studio's request shape) as one batch: all are accepted, each charged once, or none",
    description: "With callback_url, one callback (signed like a task's) delivers the batch as GET shows it when its last job has ended.",
    parameters: [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 200 }, description: "Retrying with the same key returns the same batch, charged once." }],
    requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/BatchRequest" } } } },
    responses: { "200": { description: "The batch, submitted", content: { "application/json": { schema: envelope({ $ref: "#/components/schemas/Batch" }) } } }, default: errorResponse },
  },
  get: {
    operationId: "list_batches",
    summary: "List your batches, newest first",
    parameters: Object.entries((jsonSchema(batchListQuerySchema, "input").properties ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => ({ name, in: "query", required: false, schema })),
    responses: { "200": { description: "A page of batches", content: { "application/json": { schema: envelope({ type: "array", items: { $ref: "#/components/schemas/Batch" } }) } } }, default: errorResponse },
  },
};

const batch = {
  get: {
    operationId: "get_batch",
    summary: "Follow one batch: its counts by status and whether it is done",
    parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" }, description: "The batch_id." }],
    responses: { "200": { description: "The batch", content: { "application/json": { schema: envelope({ $ref: "#/components/schemas/Batch" }) } } }, default: errorResponse },
  },
};

/** The OpenAPI 3.1 document of the public API, generated from the same zod schemas that parse requests. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Reelsmith API (Kling-compatible)",
      version: "1",
      description:
        "Kling's video API on your own Reelsmith: an existing Kling client works by changing its base URL. Authenticate with `Authorization: Bearer <JWT>` (HS256 signed with your secret key, iss = access key, exp and nbf set) or `Bearer <access key>.<secret key>`. Every response is `{code, message, request_id, data}`; code 0 is success.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths: {
      "/v1/videos/text2video": collection("text2video", "text-to-video", "Text2VideoRequest"),
      "/v1/videos/text2video/{id}": item("text2video", "text-to-video"),
      "/v1/videos/image2video": collection("image2video", "image-to-video", "Image2VideoRequest"),
      "/v1/videos/image2video/{id}": item("image2video", "image-to-video"),
      "/v1/videos/video-extend": collection("video-extend", "video-extend", "VideoExtendRequest"),
      "/v1/videos/video-extend/{id}": item("video-extend", "video-extend"),
      "/v1/videos/omni-video": collection("omni-video", "omni-video (elements and reference images)", "OmniVideoRequest"),
      "/v1/videos/omni-video/{id}": item("omni-video", "omni-video"),
      "/v1/general/advanced-custom-elements": collection("advanced-custom-elements", "element", "ElementRequest", "ElementTask"),
      "/v1/general/advanced-custom-elements/{id}": item("advanced-custom-elements", "element", "ElementTask"),
      "/v1/batches": batches,
      "/v1/batches/{id}": batch,
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: {
        Text2VideoRequest: jsonSchema(text2videoRequestSchema, "input"),
        Image2VideoRequest: jsonSchema(image2videoRequestSchema, "input"),
        VideoExtendRequest: jsonSchema(videoExtendRequestSchema, "input"),
        OmniVideoRequest: jsonSchema(omniVideoRequestSchema, "input"),
        ElementRequest: jsonSchema(elementRequestSchema, "input"),
        ElementTask: jsonSchema(elementTaskSchema, "output"),
        Task: jsonSchema(taskSchema, "output"),
        BatchRequest: jsonSchema(batchRequestSchema, "input"),
        Batch: batchSchema,
        Error: {
          type: "object",
          required: ["code", "message", "request_id"],
          properties: { code: { type: "integer", enum: Object.keys(KLING_CODES).map(Number) }, message: { type: "string" }, request_id: { type: "string" } },
        },
      },
    },
    "x-error-codes": Object.entries(KLING_CODES).map(([code, { status, meaning }]) => ({ code: Number(code), http: status, meaning })),
  };
}

import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { createApiKeySchema } from "@/lib/api-keys/schemas";
import { describeIssue, klingWording } from "@/lib/api/issues";
import { image2videoRequestSchema, listQuerySchema, text2videoRequestSchema, videoExtendRequestSchema } from "@/lib/api/schemas";
import { signInSchema, signUpSchema } from "@/lib/auth/schemas";
import { purchaseSchema } from "@/lib/billing/purchase";
import { klingCallbackSchema } from "@/lib/engines/kling/callback";
import { stopQueue } from "@/lib/queue/boss";
import { extendRequestSchema, generationRequestSchema, idempotencyKeySchema } from "@/lib/validation/generation";
import { pathSegmentSchema } from "@/lib/validation/text";
import { GOOD_PASSWORD } from "@/tests/support/factories";
import { expectReadable, FORBIDDEN_CHARACTERS, hostileFixtures, sendApi, sendV1, stateOf, type Answer, type Fixtures } from "@/tests/support/hostile";
import { tempMediaDirPerFile } from "@/tests/support/media";
import { DELETE as deleteKey } from "./api/api-keys/[id]/route";
import { POST as createKey } from "./api/api-keys/route";
import { POST as completeCheckout } from "./api/billing/test-checkout/complete/route";
import { GET as creditHistory } from "./api/credits/history/route";
import { POST as price } from "./api/credits/price/route";
import { POST as klingCallback } from "./api/engines/kling/callback/route";
import { POST as extend } from "./api/generations/[id]/extend/route";
import { GET as getGeneration } from "./api/generations/[id]/route";
import { GET as listGenerations, POST as submit } from "./api/generations/route";
import { GET as media } from "./api/media/[id]/route";
import { POST as signup } from "./api/signup/route";
import { GET as t2vItem } from "./v1/videos/text2video/[id]/route";
import { GET as t2vList, POST as t2v } from "./v1/videos/text2video/route";
import { POST as i2v } from "./v1/videos/image2video/route";
import { POST as videoExtend } from "./v1/videos/video-extend/route";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer-address.mjs";

// Generated strings, each holding at least one character no field takes, fed to every request
// schema and every route: always refused, never a 5xx, always a readable sentence.

tempMediaDirPerFile();
afterAll(() => stopQueue());

/** Any text around at least one forbidden character (C0 but \n and \t, DEL, C1, a lone surrogate). */
const hostile = fc
  .tuple(fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom(...FORBIDDEN_CHARACTERS), fc.string({ unit: "binary", maxLength: 12 }))
  .map(([before, bad, after]) => before + bad + after);

/** The same for a query string: a URL carries UTF-8, where a lone surrogate cannot exist (it arrives as U+FFFD). */
const wellFormed = (text: string) => Buffer.from(text, "utf8").toString("utf8");
const hostileInUrl = fc
  .tuple(fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom(...FORBIDDEN_CHARACTERS.filter((c) => !/\p{Cs}/u.test(c))), fc.string({ unit: "binary", maxLength: 12 }))
  .map(([before, bad, after]) => wellFormed(before) + bad + wellFormed(after));

const SCHEMAS: { name: string; schema: z.ZodType; base: Record<string, unknown>; fields: string[]; kling?: boolean }[] = [
  { name: "sign-up", schema: signUpSchema, base: { name: "Ada", email: "ada@example.com", password: GOOD_PASSWORD }, fields: ["name", "email", "password"] },
  { name: "sign-in", schema: signInSchema, base: { email: "ada@example.com", password: GOOD_PASSWORD }, fields: ["email", "password"] },
  { name: "text to video", schema: generationRequestSchema, base: { kind: "text_to_video", prompt: "sea" }, fields: ["prompt", "negativePrompt"] },
  { name: "image to video", schema: generationRequestSchema, base: { kind: "image_to_video", startImageId: "img" }, fields: ["prompt", "negativePrompt", "startImageId", "endImageId"] },
  { name: "extend", schema: extendRequestSchema, base: {}, fields: ["prompt", "negativePrompt"] },
  { name: "API key", schema: createApiKeySchema, base: { name: "ci" }, fields: ["name"] },
  { name: "purchase", schema: purchaseSchema, base: { kind: "pack", packId: "pack_330" }, fields: ["packId"] },
  { name: "Kling callback", schema: klingCallbackSchema, base: { task_id: "t", task_status: "succeed" }, fields: ["task_id", "task_status"] },
  { name: "Idempotency-Key", schema: idempotencyKeySchema, base: {}, fields: [] },
  { name: "path segment", schema: pathSegmentSchema, base: {}, fields: [] },
  { name: "/v1 text2video", schema: text2videoRequestSchema, base: { prompt: "sea" }, fields: ["prompt", "negative_prompt", "external_task_id", "callback_url"], kling: true },
  { name: "/v1 image2video", schema: image2videoRequestSchema, base: { image: "aGVsbG8=" }, fields: ["image", "image_tail", "prompt", "negative_prompt", "external_task_id"], kling: true },
  { name: "/v1 video-extend", schema: videoExtendRequestSchema, base: { video_id: "v" }, fields: ["video_id", "prompt", "negative_prompt", "external_task_id"], kling: true },
  { name: "/v1 list query", schema: listQuerySchema, base: {}, fields: ["pageNum", "pageSize"], kling: true },
];

describe("every request schema", () => {
  it.each(SCHEMAS.map((s) => [s.name, s] as const))("%s refuses control characters in every string, in a sentence", (_, { schema, base, fields, kling }) => {
    fc.assert(
      fc.property(fields.length ? fc.constantFrom(...fields) : fc.constant(null), hostile, (field, value) => {
        const input = field === null ? value : { ...base, [field]: value };
        const parsed = kling ? schema.safeParse(input, { error: klingWording }) : schema.safeParse(input);
        expect(parsed.success).toBe(false);
        const issue = parsed.error!.issues[0]!;
        expectReadable(kling ? describeIssue(issue) : issue.message, `${field}=${JSON.stringify(value)}`);
      }),
      { numRuns: 60 },
    );
  });
});

describe("every route", () => {
  const SIGNUP_PREFIX = `hostile-p-${randomUUID().slice(0, 8)}-`;
  let fx: Fixtures;
  let before: Awaited<ReturnType<typeof stateOf>>;

  beforeAll(async () => {
    vi.stubEnv("API_RATE_LIMIT_PER_MINUTE", "100000");
    fx = await hostileFixtures();
    await sendApi(getGeneration, { path: "/api/generations/x", params: { id: fx.generationId }, userId: fx.userId });
    before = await stateOf(fx, SIGNUP_PREFIX);
  });

  const q = encodeURIComponent;
  const ROUTES: Record<string, (value: string) => Promise<Answer>> = {
    "POST /api/signup": (v) =>
      sendApi(signup, { method: "POST", path: "/api/signup", body: { name: v, email: `${SIGNUP_PREFIX}${randomUUID()}@example.com`, password: GOOD_PASSWORD }, headers: { [PEER_ADDRESS_HEADER]: randomUUID() } }),
    "POST /api/generations": (v) => sendApi(submit, { method: "POST", path: "/api/generations", body: { kind: "text_to_video", prompt: v }, userId: fx.userId }),
    "POST /api/generations (image id)": (v) => sendApi(submit, { method: "POST", path: "/api/generations", body: { kind: "image_to_video", startImageId: v }, userId: fx.userId }),
    "POST /api/credits/price": (v) => sendApi(price, { method: "POST", path: "/api/credits/price", body: { kind: "text_to_video", prompt: "x", negativePrompt: v }, userId: fx.userId }),
    "POST /api/generations/:id/extend": (v) => sendApi(extend, { method: "POST", path: "/api/generations/x/extend", body: { prompt: v }, params: { id: fx.generationId }, userId: fx.userId }),
    "GET /api/generations/:id": (v) => sendApi(getGeneration, { path: "/api/generations/x", params: { id: v }, userId: fx.userId }),
    "GET /api/generations?q=": (v) => sendApi(listGenerations, { path: `/api/generations?q=${q(v)}`, userId: fx.userId }),
    "GET /api/generations?before=": (v) => sendApi(listGenerations, { path: `/api/generations?before=${q(v)}`, userId: fx.userId }),
    "GET /api/credits/history?page=": (v) => sendApi(creditHistory, { path: `/api/credits/history?page=${q(v)}`, userId: fx.userId }),
    "POST /api/api-keys": (v) => sendApi(createKey, { method: "POST", path: "/api/api-keys", body: { name: v }, userId: fx.userId }),
    "DELETE /api/api-keys/:id": (v) => sendApi(deleteKey, { method: "DELETE", path: "/api/api-keys/x", params: { id: v }, userId: fx.userId }),
    "GET /api/media/:id": (v) => sendApi(media, { path: "/api/media/x", params: { id: v }, userId: fx.userId }),
    "POST /api/billing/test-checkout/complete": (v) => sendApi(completeCheckout, { method: "POST", path: "/api/billing/test-checkout/complete", body: { token: v }, userId: fx.userId }),
    "POST /api/engines/kling/callback?generation=": (v) => sendApi(klingCallback, { method: "POST", path: `/api/engines/kling/callback?generation=${q(v)}&token=t`, body: { task_id: v, task_status: "succeed" } }),
    "POST /v1/videos/text2video": (v) => sendV1(t2v, { method: "POST", path: "/v1/videos/text2video", body: { prompt: v, external_task_id: v } }, fx.api.bearer),
    "POST /v1/videos/image2video": (v) => sendV1(i2v, { method: "POST", path: "/v1/videos/image2video", body: { image: v } }, fx.api.bearer),
    "POST /v1/videos/video-extend": (v) => sendV1(videoExtend, { method: "POST", path: "/v1/videos/video-extend", body: { video_id: v } }, fx.api.bearer),
    "GET /v1/videos/text2video/:id": (v) => sendV1(t2vItem, { path: "/v1/videos/text2video/x", params: { id: v } }, fx.api.bearer),
    "GET /v1/videos/text2video?pageNum=": (v) => sendV1(t2vList, { path: `/v1/videos/text2video?pageNum=${q(v)}` }, fx.api.bearer),
  };

  it.each(Object.keys(ROUTES))("%s answers a 4xx with a sentence and writes nothing", async (name) => {
    await fc.assert(
      fc.asyncProperty(name.includes("?") ? hostileInUrl : hostile, async (value) => {
        const answer = await ROUTES[name]!(value);
        expect(answer.status, JSON.stringify(value)).toBeGreaterThanOrEqual(400);
        expect(answer.status, JSON.stringify(value)).toBeLessThan(500);
        expectReadable(answer.message, JSON.stringify(value));
      }),
      { numRuns: 15 },
    );
    expect(await stateOf(fx, SIGNUP_PREFIX)).toEqual(before);
  });
});

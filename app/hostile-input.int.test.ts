import { randomUUID } from "node:crypto";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stopQueue } from "@/lib/queue/boss";
import { GOOD_PASSWORD } from "@/tests/support/factories";
import { expectReadable, HOSTILE_STRINGS, hostileFixtures, sendApi, sendV1, stateOf, streamOf, type Answer, type Fixtures, type Send } from "@/tests/support/hostile";
import { klingJwt } from "@/tests/support/kling-client";
import { tempMediaDirPerFile } from "@/tests/support/media";
import { DELETE as deleteKey } from "./api/api-keys/[id]/route";
import { GET as listKeys, POST as createKey } from "./api/api-keys/route";
import { POST as checkout } from "./api/billing/checkout/route";
import { POST as portal } from "./api/billing/portal/route";
import { POST as cancelPlan } from "./api/billing/subscription/cancel/route";
import { POST as completeCheckout } from "./api/billing/test-checkout/complete/route";
import { POST as stripeWebhook } from "./api/billing/webhook/route";
import { GET as creditHistory } from "./api/credits/history/route";
import { POST as price } from "./api/credits/price/route";
import { GET as credits } from "./api/credits/route";
import { POST as klingCallback } from "./api/engines/kling/callback/route";
import { POST as cancel } from "./api/generations/[id]/cancel/route";
import { POST as extend } from "./api/generations/[id]/extend/route";
import { DELETE as deleteGeneration, GET as getGeneration, PATCH as patchGeneration } from "./api/generations/[id]/route";
import { GET as events } from "./api/generations/events/route";
import { GET as listGenerations, POST as submit } from "./api/generations/route";
import { GET as me } from "./api/me/route";
import { GET as media } from "./api/media/[id]/route";
import { GET as signedMedia } from "./api/media/signed/[token]/route";
import { POST as signup } from "./api/signup/route";
import { POST as upload } from "./api/uploads/route";
import { PATCH as patchElement } from "./api/elements/[id]/route";
import { POST as v1Element } from "./v1/general/advanced-custom-elements/route";
import { POST as omniVideo } from "./v1/videos/omni-video/route";
import { GET as i2vItem } from "./v1/videos/image2video/[id]/route";
import { GET as i2vList, POST as i2v } from "./v1/videos/image2video/route";
import { GET as t2vItem } from "./v1/videos/text2video/[id]/route";
import { GET as t2vList, POST as t2v } from "./v1/videos/text2video/route";
import { GET as extendItem } from "./v1/videos/video-extend/[id]/route";
import { GET as extendList, POST as videoExtend } from "./v1/videos/video-extend/route";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer-address.mjs";

// About two hundred requests an attacker (or a broken client) sends, across every route family:
// each must be refused with a 4xx and a sentence a person can act on, and leave nothing behind:
// no rows, no credits moved, no job queued (so nothing here ever reaches the worker).

tempMediaDirPerFile();
afterAll(() => stopQueue());

const SIGNUP_PREFIX = `hostile-${randomUUID().slice(0, 8)}-`;
let fx: Fixtures;

type Case = { family: string; name: string; send: () => Promise<Answer>; status?: number; code?: number };
const cases: Case[] = [];
const add = (family: string, name: string, send: () => Promise<Answer>, expected: { status?: number; code?: number } = {}) => cases.push({ family, name, send, ...expected });

const show = (s: string) => JSON.stringify(s).slice(1, -1).slice(0, 24);
const q = (s: string) => encodeURIComponent(s);
const MB = 1024 * 1024;
/** A distinct client address per sign-up, so the sign-up rate limit never answers first. */
const freshIp = () => `203.0.113.${Math.floor(Math.random() * 250)}, ${randomUUID()}`;

// ---------------------------------------------------------------- bodies: every string field × every hostile string

const api = (route: Parameters<typeof sendApi>[0], send: () => Send) => () => sendApi(route, send());
const v1 = (route: Parameters<typeof sendV1>[0], send: () => Omit<Send, "userId">, authorization: () => string | undefined = () => fx.api.bearer) => () => sendV1(route, send(), authorization());

const signupBody = () => ({ name: "Ada", email: `${SIGNUP_PREFIX}${randomUUID()}@example.com`, password: GOOD_PASSWORD });
const t2vBody = { kind: "text_to_video", prompt: "a calm sea at dusk" };
const i2vBody = () => ({ kind: "image_to_video", prompt: "waves", startImageId: fx.imageId });

const BODY_FIELDS: { family: string; fields: string[]; send: (field: string, value: string) => () => Promise<Answer>; status?: number }[] = [
  {
    family: "POST /api/signup",
    fields: ["name", "email", "password"],
    send: (field, value) => api(signup, () => ({ method: "POST", path: "/api/signup", body: { ...signupBody(), [field]: value }, headers: { [PEER_ADDRESS_HEADER]: freshIp() } })),
  },
  {
    family: "POST /api/generations",
    fields: ["prompt", "negativePrompt"],
    send: (field, value) => api(submit, () => ({ method: "POST", path: "/api/generations", body: { ...t2vBody, [field]: value }, userId: fx.userId })),
  },
  {
    family: "POST /api/generations (image)",
    fields: ["startImageId", "endImageId", "prompt"],
    send: (field, value) => api(submit, () => ({ method: "POST", path: "/api/generations", body: { ...i2vBody(), [field]: value }, userId: fx.userId })),
  },
  {
    family: "POST /api/credits/price",
    fields: ["prompt", "negativePrompt"],
    send: (field, value) => api(price, () => ({ method: "POST", path: "/api/credits/price", body: { ...t2vBody, [field]: value }, userId: fx.userId })),
  },
  {
    family: "POST /api/generations/:id/extend",
    fields: ["prompt", "negativePrompt"],
    send: (field, value) => api(extend, () => ({ method: "POST", path: `/api/generations/${fx.generationId}/extend`, body: { [field]: value }, params: { id: fx.generationId }, userId: fx.userId })),
  },
  {
    family: "POST /api/api-keys",
    fields: ["name"],
    send: (field, value) => api(createKey, () => ({ method: "POST", path: "/api/api-keys", body: { [field]: value }, userId: fx.userId })),
  },
  {
    family: "POST /api/billing/checkout",
    fields: ["packId"],
    send: (field, value) => api(checkout, () => ({ method: "POST", path: "/api/billing/checkout", body: { kind: "pack", [field]: value }, userId: fx.userId })),
  },
  {
    family: "POST /api/billing/test-checkout/complete",
    fields: ["token"],
    send: (field, value) => api(completeCheckout, () => ({ method: "POST", path: "/api/billing/test-checkout/complete", body: { [field]: value }, userId: fx.userId })),
  },
  {
    family: "POST /api/engines/kling/callback",
    fields: ["task_id", "task_status"],
    send: (field, value) =>
      api(klingCallback, () => ({ method: "POST", path: "/api/engines/kling/callback?generation=g&token=t", body: { task_id: "t1", task_status: "succeed", [field]: value } })),
  },
  {
    family: "POST /v1/videos/text2video",
    fields: ["prompt", "negative_prompt", "external_task_id", "callback_url"],
    send: (field, value) => v1(t2v, () => ({ method: "POST", path: "/v1/videos/text2video", body: { prompt: "a calm sea", [field]: field === "callback_url" ? `https://hooks.example.com/${value}` : value } })),
  },
  {
    family: "POST /v1/videos/image2video",
    fields: ["image", "image_tail", "prompt"],
    send: (field, value) => v1(i2v, () => ({ method: "POST", path: "/v1/videos/image2video", body: { image: "aGVsbG8=", [field]: value } })),
  },
  {
    family: "PATCH /api/elements/:id",
    fields: ["name", "description"],
    send: (field, value) => api(patchElement, () => ({ method: "PATCH", path: "/api/elements/e1", body: { [field]: value }, params: { id: "e1" }, userId: fx.userId })),
  },
  {
    family: "POST /api/generations (references)",
    fields: ["elementId"],
    send: (field, value) => api(submit, () => ({ method: "POST", path: "/api/generations", body: { ...t2vBody, references: [{ kind: "element", [field]: value }] }, userId: fx.userId })),
  },
  {
    family: "POST /v1/general/advanced-custom-elements",
    fields: ["element_name", "element_description"],
    send: (field, value) =>
      v1(v1Element, () => ({ method: "POST", path: "/v1/general/advanced-custom-elements", body: { element_name: "Tom", element_image_list: { frontal_image: "aGVsbG8=", refer_images: [{ image_url: "aGVsbG8=" }] }, [field]: value } })),
  },
  {
    family: "POST /v1/videos/omni-video",
    fields: ["prompt", "external_task_id"],
    send: (field, value) => v1(omniVideo, () => ({ method: "POST", path: "/v1/videos/omni-video", body: { prompt: "a cat", element_list: [{ element_id: "missing" }], [field]: value } })),
  },
  {
    family: "POST /v1/videos/video-extend",
    fields: ["video_id", "prompt", "external_task_id"],
    send: (field, value) => v1(videoExtend, () => ({ method: "POST", path: "/v1/videos/video-extend", body: { video_id: "v1", [field]: value } })),
  },
];

for (const { family, fields, send } of BODY_FIELDS) {
  for (const field of fields) {
    for (const value of HOSTILE_STRINGS) add(family, `${field} = "${show(value)}"`, send(field, value));
  }
}

// Names, ids and keys are one line: a line break or a tab is refused there too (prompts keep them).
for (const value of ["a\nb", "a\tb"]) {
  add("POST /api/signup", `name = "${show(value)}"`, BODY_FIELDS[0]!.send("name", value));
  add("POST /api/api-keys", `name = "${show(value)}"`, BODY_FIELDS[5]!.send("name", value));
  add("POST /v1/videos/text2video", `external_task_id = "${show(value)}"`, BODY_FIELDS[9]!.send("external_task_id", value));
}

// ---------------------------------------------------------------- bodies: wrong shapes, types and numbers

const WRONG_BODIES: [string, unknown][] = [
  ["not JSON", "{prompt:"],
  ["empty body", ""],
  ["a JSON array", "[]"],
  ["JSON null", "null"],
  ["a JSON string", '"hello"'],
  ["kind unknown", { ...t2vBody, kind: "movie" }],
  ["prompt a number", { ...t2vBody, prompt: 42 }],
  ["prompt an object", { ...t2vBody, prompt: { $gt: "" } }],
  ["seed 1e400 (Infinity)", '{"kind":"text_to_video","prompt":"x","seed":1e400}'],
  ["seed beyond safe integers", '{"kind":"text_to_video","prompt":"x","seed":9007199254740993}'],
  ["seed negative", { ...t2vBody, seed: -1 }],
  ["count 1.5", { ...t2vBody, count: 1.5 }],
  ["count 1e9", { ...t2vBody, count: 1e9 }],
  ["cfgScale a string", { ...t2vBody, cfgScale: "high" }],
  ["duration 16", { ...t2vBody, duration: 16 }],
  ["mode turbo", { ...t2vBody, mode: "turbo" }],
  ["camera axis unknown", { ...t2vBody, cameraControl: { type: "axis", axis: "spin", value: 1 } }],
  ["camera value 1e999", '{"kind":"text_to_video","prompt":"x","cameraControl":{"type":"axis","axis":"pan","value":1e999}}'],
  ["an unknown field", { ...t2vBody, __proto__x: 1 }],
  ["a prompt over the limit", { ...t2vBody, prompt: "x".repeat(2501) }],
];
for (const [name, body] of WRONG_BODIES) {
  add("POST /api/generations", name, api(submit, () => ({ method: "POST", path: "/api/generations", body, userId: fx.userId })));
}
for (const [name, body] of WRONG_BODIES.slice(0, 5)) {
  add("POST /api/signup", name, api(signup, () => ({ method: "POST", path: "/api/signup", body, headers: { [PEER_ADDRESS_HEADER]: freshIp() } })));
  add("POST /v1/videos/text2video", name, v1(t2v, () => ({ method: "POST", path: "/v1/videos/text2video", body })));
}
for (const [name, body] of [
  ["favorite a string", { favorite: "yes" }],
  ["favorite missing", {}],
  ["an extra field", { favorite: true, userId: "someone-else" }],
] as const) {
  add("PATCH /api/generations/:id", name, api(patchGeneration, () => ({ method: "PATCH", path: `/api/generations/${fx.generationId}`, body, params: { id: fx.generationId }, userId: fx.userId })));
}
for (const [name, body] of [
  ["signup email not an email", { ...signupBody(), email: "not-an-email" }],
  ["signup password a number", { ...signupBody(), password: 12345678901 }],
  ["signup name over 80", { ...signupBody(), name: "n".repeat(81) }],
] as const) {
  add("POST /api/signup", name, api(signup, () => ({ method: "POST", path: "/api/signup", body, headers: { [PEER_ADDRESS_HEADER]: freshIp() } })));
}
for (const [name, body] of [
  ["cfg_scale 1e999", '{"prompt":"x","cfg_scale":1e999}'],
  ["duration 1e400", '{"prompt":"x","duration":1e400}'],
  ["camera_control.config a string", { prompt: "x", camera_control: { type: "simple", config: "pan" } }],
  ["model_name an array", { prompt: "x", model_name: ["kling-v1"] }],
  ["external_task_id over 200", { prompt: "x", external_task_id: "e".repeat(201) }],
  ["callback_url javascript:", { prompt: "x", callback_url: "javascript:alert(1)" }],
  ["callback_url to the metadata service", { prompt: "x", callback_url: "http://169.254.169.254/latest" }],
  ["callback_url to loopback", { prompt: "x", callback_url: "http://127.0.0.1:1/hook" }],
] as const) {
  add("POST /v1/videos/text2video", name, v1(t2v, () => ({ method: "POST", path: "/v1/videos/text2video", body })));
}

// ---------------------------------------------------------------- bodies over the caps

add("POST /api/signup", "a 300-character client address", api(signup, () => ({ method: "POST", path: "/api/signup", body: { email: "x" }, headers: { [PEER_ADDRESS_HEADER]: `${"9".repeat(300)}` } })));
add("POST /api/signup", "Content-Length of 25 MB", api(signup, () => ({ method: "POST", path: "/api/signup", body: "{}", headers: { "content-length": String(25 * MB), [PEER_ADDRESS_HEADER]: freshIp() } })), { status: 413 });
add("POST /api/signup", "a 300 KB body streamed without Content-Length", api(signup, () => ({ method: "POST", path: "/api/signup", body: streamOf(300 * 1024), headers: { [PEER_ADDRESS_HEADER]: freshIp() } })), { status: 413 });
add("POST /api/generations", "Content-Length of 25 MB", api(submit, () => ({ method: "POST", path: "/api/generations", body: "{}", headers: { "content-length": String(25 * MB) }, userId: fx.userId })), { status: 413 });
add("POST /api/generations", "a 300 KB body streamed", api(submit, () => ({ method: "POST", path: "/api/generations", body: streamOf(300 * 1024), userId: fx.userId })), { status: 413 });
add("POST /api/api-keys", "a 300 KB body streamed", api(createKey, () => ({ method: "POST", path: "/api/api-keys", body: streamOf(300 * 1024), userId: fx.userId })), { status: 413 });
add("POST /v1/videos/text2video", "Content-Length of 31 MB", v1(t2v, () => ({ method: "POST", path: "/v1/videos/text2video", body: "{}", headers: { "content-length": String(31 * MB) } })), { status: 413, code: 1200 });
add("POST /v1/videos/text2video", "a 300 KB body streamed", v1(t2v, () => ({ method: "POST", path: "/v1/videos/text2video", body: streamOf(300 * 1024) })), { status: 413, code: 1200 });
add("POST /v1/videos/image2video", "Content-Length of 31 MB", v1(i2v, () => ({ method: "POST", path: "/v1/videos/image2video", body: "{}", headers: { "content-length": String(31 * MB) } })), { status: 413, code: 1200 });
add("POST /api/billing/webhook", "no Stripe configured, 25 MB declared", api(stripeWebhook, () => ({ method: "POST", path: "/api/billing/webhook", body: "{}", headers: { "content-length": String(25 * MB) } })));

// ---------------------------------------------------------------- path ids

const HOSTILE_IDS = ["\u0000", "a\u0001b", "\u007f", "i".repeat(1025)];
for (const id of HOSTILE_IDS) {
  const name = `id "${show(id)}"`;
  add("GET /api/generations/:id", name, api(getGeneration, () => ({ path: "/api/generations/x", params: { id }, userId: fx.userId })));
  add("PATCH /api/generations/:id", name, api(patchGeneration, () => ({ method: "PATCH", path: "/api/generations/x", body: { favorite: true }, params: { id }, userId: fx.userId })));
  add("DELETE /api/generations/:id", name, api(deleteGeneration, () => ({ method: "DELETE", path: "/api/generations/x", params: { id }, userId: fx.userId })));
  add("POST /api/generations/:id/cancel", name, api(cancel, () => ({ method: "POST", path: "/api/generations/x/cancel", params: { id }, userId: fx.userId })));
  add("POST /api/generations/:id/extend", name, api(extend, () => ({ method: "POST", path: "/api/generations/x/extend", body: {}, params: { id }, userId: fx.userId })));
  add("DELETE /api/api-keys/:id", name, api(deleteKey, () => ({ method: "DELETE", path: "/api/api-keys/x", params: { id }, userId: fx.userId })));
  add("GET /api/media/:id", name, api(media, () => ({ path: "/api/media/x", params: { id }, userId: fx.userId })));
  add("GET /api/media/signed/:token", name, api(signedMedia, () => ({ path: "/api/media/signed/x", params: { token: id } })));
  add("GET /v1/videos/text2video/:id", name, v1(t2vItem, () => ({ path: "/v1/videos/text2video/x", params: { id } })));
  add("GET /v1/videos/image2video/:id", name, v1(i2vItem, () => ({ path: "/v1/videos/image2video/x", params: { id } })));
  add("GET /v1/videos/video-extend/:id", name, v1(extendItem, () => ({ path: "/v1/videos/video-extend/x", params: { id } })));
}
add("GET /api/media/signed/:token", "a forged token", api(signedMedia, () => ({ path: "/api/media/signed/x", params: { token: "abc.def" } })), { status: 403 });

// ---------------------------------------------------------------- query strings

for (const [query, name] of [
  [`q=${q("\u0000")}`, "q NUL"],
  [`q=${q("a\u001bb")}`, "q ESC"],
  [`q=${"w".repeat(201)}`, "q over 200"],
  [`before=${q("\u0000")}`, "before NUL"],
  [`before=${"b".repeat(201)}`, "before over 200"],
  [`status=${q("\u0000")}`, "status NUL"],
  ["status=done", "status unknown"],
  ["kind=movie", "kind unknown"],
  ["favorite=yes", "favorite yes"],
  ["limit=1e400", "limit 1e400"],
  ["limit=0", "limit 0"],
  ["limit=1.5", "limit 1.5"],
  ["limit=abc", "limit abc"],
  ["limit=9007199254740993", "limit beyond safe integers"],
] as const) {
  add("GET /api/generations", name, api(listGenerations, () => ({ path: `/api/generations?${query}`, userId: fx.userId })));
}
for (const [query, name] of [
  ["page=1e400", "page 1e400"],
  ["page=1e300", "page 1e300"],
  ["page=9007199254740993", "page beyond safe integers"],
  ["page=0", "page 0"],
  ["page=-1", "page -1"],
  ["page=1.5", "page 1.5"],
  ["page=abc", "page abc"],
  [`page=${q("\u0000")}`, "page NUL"],
  ["pageSize=1000", "pageSize 1000"],
  ["pageSize=0", "pageSize 0"],
] as const) {
  add("GET /api/credits/history", name, api(creditHistory, () => ({ path: `/api/credits/history?${query}`, userId: fx.userId })));
}
for (const [query, name] of [
  [`generation=${q("\u0000")}&token=t`, "generation NUL"],
  [`generation=g&token=${q("\u0001")}`, "token SOH"],
  ["generation=g&token=t", "a forged token"],
] as const) {
  add("POST /api/engines/kling/callback", name, api(klingCallback, () => ({ method: "POST", path: `/api/engines/kling/callback?${query}`, body: { task_id: "t1", task_status: "succeed" } })));
}
for (const [query, name] of [
  [`download=1&name=${q("\u0000evil")}`, "name NUL"],
  [`download=${q("\u0000")}`, "download NUL"],
] as const) {
  add("GET /api/media/:id", name, api(media, () => ({ path: `/api/media/${fx.imageId}?${query}`, params: { id: fx.imageId }, userId: fx.userId })));
}
for (const [route, kind] of [
  [t2vList, "text2video"],
  [i2vList, "image2video"],
  [extendList, "video-extend"],
] as const) {
  for (const query of ["pageNum=1e400", "pageNum=0", "pageSize=501", "pageSize=abc", `pageSize=${q("\u0000")}`, "pageNum=1.5"]) {
    add(`GET /v1/videos/${kind}`, query, v1(route, () => ({ path: `/v1/videos/${kind}?${query}` })));
  }
}

// ---------------------------------------------------------------- headers

for (const [value, name] of [
  ["a\tb", "Idempotency-Key with a tab"],
  ["a\u0085b", "Idempotency-Key with a C1 control"],
  ["k".repeat(201), "Idempotency-Key over 200"],
] as const) {
  // A valid, paid-for request: only the header stands between it and a queued job.
  add("POST /api/generations", name, api(submit, () => ({ method: "POST", path: "/api/generations", body: t2vBody, headers: { "idempotency-key": value }, userId: fx.userId })));
  add("POST /v1/videos/text2video", name, v1(t2v, () => ({ method: "POST", path: "/v1/videos/text2video", body: { prompt: "a calm sea" }, headers: { "idempotency-key": value } })));
}
const jwtWith = (payload: Record<string, unknown> | string) => {
  const head = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
  const body = Buffer.from(typeof payload === "string" ? payload : JSON.stringify(payload)).toString("base64url");
  return `Bearer ${head}.${body}.${createHmac("sha256", fx.api.secretKey).update(`${head}.${body}`).digest("base64url")}`;
};
const now = () => Math.floor(Date.now() / 1000);
for (const [name, authorization, code] of [
  ["no Authorization", () => undefined, 1001],
  ["Basic credentials", () => "Basic YTpi", 1002],
  ["an unknown access key", () => "Bearer ak_unknown.sk_unknown", 1000],
  ["a wrong secret", () => `Bearer ${fx.api.accessKey}.wrong`, 1000],
  ["exp of 1e12", () => jwtWith({ iss: fx.api.accessKey, exp: 1e12 }), 1004],
  ["exp of 1e999", () => jwtWith(`{"iss":"${fx.api.accessKey}","exp":1e999}`), 1004],
  ["exp 25 hours away", () => jwtWith({ iss: fx.api.accessKey, exp: now() + 25 * 3600 }), 1004],
  ["exp a string", () => jwtWith({ iss: fx.api.accessKey, exp: "tomorrow" }), 1004],
  ["no exp", () => jwtWith({ iss: fx.api.accessKey }), 1004],
  ["an expired token", () => `Bearer ${klingJwt(fx.api.accessKey, fx.api.secretKey, { exp: now() - 3600 })}`, 1004],
  ["iss with NUL", () => jwtWith({ iss: "ak\u0000x", exp: now() + 60 }), 1002],
  ["alg none", () => `Bearer ${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ iss: fx.api.accessKey, exp: now() + 60 })).toString("base64url")}.`, 1002],
] as const) {
  add("Authorization on /v1", name, v1(t2v, () => ({ method: "POST", path: "/v1/videos/text2video", body: { prompt: "a calm sea" } }), authorization), { status: 401, code });
}

// ---------------------------------------------------------------- uploads

const form = async (fields: Record<string, Blob | string>) => {
  const encoded = new Response(Object.entries(fields).reduce((f, [k, v]) => (f.set(k, v), f), new FormData()));
  return { body: new Uint8Array(await encoded.arrayBuffer()), type: encoded.headers.get("content-type")! };
};
for (const [name, make, status] of [
  ["JSON instead of a form", async () => ({ body: new TextEncoder().encode('{"file":"x"}'), type: "application/json" }), 400],
  ["a form without a file", () => form({ image: "x" }), 400],
  ["a text file named .png", () => form({ file: new File(["shopping list"], "a.png", { type: "image/png" }) }), 415],
  ["an empty file", () => form({ file: new File([], "a.png", { type: "image/png" }) }), 400],
  ["a file name with control characters", () => form({ file: new File(["not an image"], "a\u0000\u001b.png", { type: "image/png" }) }), 415],
  ["a broken multipart body", async () => ({ body: new TextEncoder().encode("--x\r\nnonsense"), type: "multipart/form-data; boundary=x" }), 400],
] as const) {
  add("POST /api/uploads", name, async () => {
    const { body, type } = await make();
    return sendApi(upload, { method: "POST", path: "/api/uploads", body, headers: { "content-type": type }, userId: fx.userId });
  }, { status });
}
add("POST /api/uploads", "Content-Length of 50 MB", api(upload, () => ({ method: "POST", path: "/api/uploads", body: "x", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * MB) }, userId: fx.userId })), { status: 413 });

// ---------------------------------------------------------------- signed out, and refusals of the domain

const SIGNED_OUT: [string, () => Promise<Answer>][] = [
  ["GET /api/me", api(me, () => ({ path: "/api/me" }))],
  ["GET /api/credits", api(credits, () => ({ path: "/api/credits" }))],
  ["GET /api/credits/history", api(creditHistory, () => ({ path: "/api/credits/history?page=1e400" }))],
  ["POST /api/generations", api(submit, () => ({ method: "POST", path: "/api/generations", body: t2vBody }))],
  ["GET /api/generations", api(listGenerations, () => ({ path: `/api/generations?q=${q("\u0000")}` }))],
  ["GET /api/generations/events", api(events, () => ({ path: "/api/generations/events" }))],
  ["GET /api/api-keys", api(listKeys, () => ({ path: "/api/api-keys" }))],
  ["POST /api/uploads", api(upload, () => ({ method: "POST", path: "/api/uploads", body: "x" }))],
  ["POST /api/billing/checkout", api(checkout, () => ({ method: "POST", path: "/api/billing/checkout", body: { kind: "pack", packId: "pack_330" } }))],
  ["GET /api/media/:id", api(media, () => ({ path: "/api/media/x", params: { id: "\u0000" } }))],
];
for (const [family, send] of SIGNED_OUT) add(family, "signed out", send, { status: 401 });

add("POST /api/billing/portal", "test mode has no portal", api(portal, () => ({ method: "POST", path: "/api/billing/portal", userId: fx.userId })), { status: 404 });
add("POST /api/billing/subscription/cancel", "no plan to cancel", api(cancelPlan, () => ({ method: "POST", path: "/api/billing/subscription/cancel", userId: fx.userId })), { status: 409 });
add("POST /api/billing/test-checkout/complete", "a forged token", api(completeCheckout, () => ({ method: "POST", path: "/api/billing/test-checkout/complete", body: { token: "forged.token" }, userId: fx.userId })), { status: 400 });
add("POST /api/billing/checkout", "an unknown pack", api(checkout, () => ({ method: "POST", path: "/api/billing/checkout", body: { kind: "pack", packId: "pack_999999" }, userId: fx.userId })), { status: 422 });
add("POST /api/generations", "pro mode on Free", api(submit, () => ({ method: "POST", path: "/api/generations", body: { ...t2vBody, mode: "professional" }, userId: fx.userId })), { status: 403 });
add("POST /api/generations", "an image of nobody", api(submit, () => ({ method: "POST", path: "/api/generations", body: { ...i2vBody(), startImageId: "no-such-image" }, userId: fx.userId })), { status: 404 });
add("POST /api/generations/:id/extend", "an unfinished video", api(extend, () => ({ method: "POST", path: "/api/generations/x/extend", body: {}, params: { id: fx.generationId }, userId: fx.userId })));
add("POST /v1/videos/video-extend", "a video of nobody", v1(videoExtend, () => ({ method: "POST", path: "/v1/videos/video-extend", body: { video_id: "no-such-video" } })), { code: 1201 });
add("POST /v1/videos/text2video", "pro mode on Free", v1(t2v, () => ({ method: "POST", path: "/v1/videos/text2video", body: { prompt: "x", mode: "pro" } })), { code: 1103 });
add("POST /v1/videos/image2video", "an image on loopback", v1(i2v, () => ({ method: "POST", path: "/v1/videos/image2video", body: { image: "http://127.0.0.1:1/a.png" } })), { code: 1201 });
add("POST /v1/videos/image2video", "a data: URL", v1(i2v, () => ({ method: "POST", path: "/v1/videos/image2video", body: { image: "data:image/png;base64,aGVsbG8=" } })), { code: 1201 });
add("POST /v1/videos/image2video", "base64 that is no image", v1(i2v, () => ({ method: "POST", path: "/v1/videos/image2video", body: { image: "aGVsbG8=" } })), { code: 1201 });

// ----------------------------------------------------------------

describe("hostile input", () => {
  let before: Awaited<ReturnType<typeof stateOf>>;

  beforeAll(async () => {
    vi.stubEnv("API_RATE_LIMIT_PER_MINUTE", "100000");
    fx = await hostileFixtures();
    // The day's first signed-in request grants the daily bonus: let that happen before counting.
    expect((await sendApi(me, { path: "/api/me", userId: fx.userId })).status).toBe(200);
    before = await stateOf(fx, SIGNUP_PREFIX);
  });

  it("has at least 200 cases across every route family", () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.family)).size).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [`${c.family}: ${c.name}`, c] as const))("%s → 4xx with a sentence, nothing written", async (label, c) => {
    const answer = await c.send();
    expect(answer.status, label).toBeGreaterThanOrEqual(400);
    expect(answer.status, label).toBeLessThan(500);
    if (c.status) expect(answer.status, label).toBe(c.status);
    if (c.code) expect(answer.code, label).toBe(c.code);
    expectReadable(answer.message, label);
    expect(await stateOf(fx, SIGNUP_PREFIX), label).toEqual(before);
  });
});

import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { storeUploadedImage } from "@/lib/storage/assets";
import { grantCredits } from "@/lib/credits/ledger";
import { apiCaller, type TestCaller } from "./api";
import { createGeneration } from "./generations";
import { encodeImage } from "./images";
import { authedRequest } from "./session";
import { createTestUser } from "./users";

// Shared by the hostile-input suites (app/hostile-input*.int.test.ts): how a hostile request is
// sent, what a readable refusal looks like, and the state that must not move.

/** Characters no field takes (multi-line prompts keep only \n and \t): C0, DEL, C1 and a lone surrogate. */
export const FORBIDDEN_CHARACTERS = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => c !== "\n" && c !== "\t"),
  "\u007f",
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)),
  "\ud800",
  "\udfff",
];

/** The hostile strings of the table: each is refused by every string field. */
export const HOSTILE_STRINGS = ["\u0000", "a\u0000b", "\u0001", "\u001b[31mred", "line\rfeed", "\u007f", "\u0085", "x\ud800y"] as const;

/** A refusal a person can act on: a sentence (capital first, one period last) with no library wording. */
export function expectReadable(message: unknown, context: string) {
  expect(typeof message, context).toBe("string");
  const text = message as string;
  expect(text, context).toMatch(/^[A-Z][\s\S]*[^.]\.$/);
  expect(text, context).not.toMatch(/Invalid input|expected \w+, received|Too (big|small)|[<>]=|Invalid option|Unrecognized key|Unexpected token|JSON at position|undefined|NaN|\[object /);
}

export type Answer = { status: number; message: unknown; code?: number };

type Route = (req: import("next/server").NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type Send = {
  method?: string;
  path: string;
  /** A value to send as JSON, or the raw body. */
  body?: unknown;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** The session's user; null for a signed-out request. */
  userId?: string | null;
};

async function call(route: Route, { method = "GET", path, body, headers = {}, params = {}, userId = null }: Send) {
  const raw = body === undefined ? undefined : typeof body === "string" || body instanceof Uint8Array || body instanceof ReadableStream ? body : JSON.stringify(body);
  const init: RequestInit & { duplex?: "half" } = {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: raw as BodyInit | undefined,
    ...(raw instanceof ReadableStream ? { duplex: "half" } : {}),
  };
  const response = await route(await authedRequest(path, userId, init as Parameters<typeof authedRequest>[2]), { params: Promise.resolve(params) });
  return { status: response.status, json: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

/** An /api route called as a browser would, read as `{ error: { message } }`. */
export async function sendApi(route: Route, send: Send): Promise<Answer> {
  const { status, json } = await call(route, send);
  return { status, message: (json.error as { message?: unknown } | undefined)?.message };
}

/** A /v1 route called as a Kling client would, read from Kling's envelope. */
export async function sendV1(route: Route, send: Omit<Send, "userId">, authorization: string | undefined): Promise<Answer> {
  const { status, json } = await call(route, { ...send, headers: { ...send.headers, ...(authorization ? { authorization } : {}) } });
  return { status, message: json.message, code: json.code as number };
}

/** A body that streams `bytes` bytes with no Content-Length, so only counting while reading can refuse it. */
export function streamOf(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new Uint8Array(Math.min(64 * 1024, bytes - sent)).fill(0x20);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

export type Fixtures = {
  /** A signed-in Free user with credits, an image and a finished generation of their own. */
  userId: string;
  imageId: string;
  generationId: string;
  /** An API caller (its own user and key) with credits and a finished task. */
  api: TestCaller;
  apiTaskId: string;
};

export async function hostileFixtures(): Promise<Fixtures> {
  const user = await createTestUser();
  await grantCredits({ userId: user.id, source: "promo", amount: 500, expiresAt: new Date("2099-01-01"), externalRef: `hostile-${user.id}` });
  const { asset } = await storeUploadedImage(user.id, encodeImage("png", 640, 360));
  const generation = await createGeneration(user.id);
  const api = await apiCaller("free", 500);
  const video = await createGeneration(api.userId);
  return { userId: user.id, imageId: asset.id, generationId: generation.id, api, apiTaskId: video.id };
}

/** Everything a refused request must leave as it was, for the fixtures' users and sign-ups. */
export async function stateOf(fixtures: Fixtures, signupPrefix: string) {
  const userId = { in: [fixtures.userId, fixtures.api.userId] };
  const [generations, entries, grants, assets, keys, subscriptions, callbacks, signups] = await Promise.all([
    db().generation.count({ where: { userId } }),
    db().creditEntry.count({ where: { userId } }),
    db().creditGrant.aggregate({ where: { userId }, _sum: { remaining: true }, _count: true }),
    db().asset.count({ where: { userId } }),
    db().apiKey.count({ where: { userId } }),
    db().subscription.count({ where: { userId } }),
    db().apiCallback.count({ where: { apiKeyId: fixtures.api.keyId } }),
    db().user.count({ where: { email: { startsWith: signupPrefix } } }),
  ]);
  return { generations, entries, grants: [grants._count, grants._sum.remaining], assets, keys, subscriptions, callbacks, signups };
}

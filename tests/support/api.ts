import { NextRequest } from "next/server";
import { createApiKey } from "@/lib/api-keys/keys";
import { grantCredits } from "@/lib/credits/ledger";
import { klingJwt, type KlingResponse, type KlingTask } from "./kling-client";
import { createTestUser } from "./users";

export type TestCaller = { userId: string; keyId: string; accessKey: string; secretKey: string; bearer: string };

/** A user with credits and one API key, and the Kling bearer token for it. */
export async function apiCaller(plan: "free" | "standard" = "free", credits = 500): Promise<TestCaller> {
  const user = await createTestUser(plan);
  if (credits > 0) await grantCredits({ userId: user.id, source: "promo", amount: credits, expiresAt: new Date("2099-01-01"), externalRef: `api-${user.id}` });
  const { key, accessKey, secretKey } = await createApiKey(user.id, "test key");
  return { userId: user.id, keyId: key.id, accessKey, secretKey, bearer: `Bearer ${klingJwt(accessKey, secretKey)}` };
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a /v1 route handler as a client would, and reads Kling's envelope. */
export async function callApi<T = KlingTask>(
  route: Handler,
  { method = "GET", path, authorization, body, params = {}, headers = {} }: { method?: string; path: string; authorization?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> },
): Promise<KlingResponse<T> & { headers: Headers }> {
  const req = new NextRequest(new URL(path, "http://127.0.0.1:3000"), {
    method,
    headers: { ...(authorization ? { authorization } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await route(req, { params: Promise.resolve(params) });
  const json = (await response.json()) as Omit<KlingResponse<T>, "httpStatus">;
  return { httpStatus: response.status, headers: response.headers, ...json };
}

import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { consume, RateLimitedError } from "../auth/rate-limit";
import { authenticate, type ApiCaller } from "./auth";
import { ApiError } from "./errors";
import { describeIssue } from "./issues";
import { readJsonBody } from "./body";

/** Requests one API key may make per minute (all endpoints together). */
const apiRateLimitPerMinute = () => Number(process.env.API_RATE_LIMIT_PER_MINUTE) || 120;

type Context<B, Q, P extends string> = ApiCaller & { req: NextRequest; body: B; query: Q; params: Record<P, string>; requestId: string };

type Options<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends string> = { body?: B; query?: Q; params?: readonly P[] };

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

function envelope(requestId: string, status: number, payload: { code: number; message: string; data?: unknown }, headers?: Record<string, string>) {
  return NextResponse.json({ code: payload.code, message: payload.message, request_id: requestId, ...("data" in payload ? { data: payload.data } : {}) }, {
    status,
    headers: { "x-request-id": requestId, "cache-control": "no-store", ...headers },
  });
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(1201, describeIssue(parsed.error.issues[0]!));
  return parsed.data;
}

/**
 * The one wrapper of the public /v1 API (Kling-compatible): key authentication, a per-key rate
 * limit, zod-parsed body and query, and Kling's envelope `{ code, message, request_id, data }`
 * with Kling's error codes and HTTP statuses.
 */
export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends string = never>(
  options: Options<B, Q, P>,
  run: (ctx: Context<Out<B>, Out<Q>, P>) => Promise<{ data: unknown; status?: number }>,
) {
  return async (req: NextRequest, route?: RouteContext): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const caller = await authenticate(req);
      try {
        await consume("api_key", apiRateLimitPerMinute(), caller.key.id, "requests with this API key", 60);
      } catch (error) {
        if (error instanceof RateLimitedError) throw new ApiError(1302, error.message, { "retry-after": String(error.retryAfterSeconds) });
        throw error;
      }
      const segments = (await route?.params) ?? {};
      const params = {} as Record<P, string>;
      for (const name of options.params ?? []) {
        const value = segments[name];
        if (typeof value !== "string") throw new ApiError(1203, "Not found.");
        params[name] = value;
      }
      const query = options.query ? parse(options.query, Object.fromEntries(req.nextUrl.searchParams)) : undefined;
      const body = options.body ? parse(options.body, await readJsonBody(req)) : undefined;
      const result = await run({ ...caller, req, body: body as Out<B>, query: query as Out<Q>, params, requestId });
      return envelope(requestId, result.status ?? 200, { code: 0, message: "SUCCEED", data: result.data });
    } catch (error) {
      if (error instanceof ApiError) return envelope(requestId, error.status, { code: error.code, message: error.message }, error.headers);
      console.error(`[api] ${req.method} ${req.nextUrl.pathname} ${requestId}`, error);
      return envelope(requestId, 500, { code: 5000, message: `Internal error; quote request_id ${requestId} when reporting it.` });
    }
  };
}

import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { consume, RateLimitedError } from "../auth/rate-limit";
import { InputError, readInput, type Input, type InputOptions, type RouteContext } from "../http/input";
import { observeRequest } from "../http/observe";
import { authenticate, type ApiCaller } from "./auth";
import { ApiError, klingRefusal } from "./errors";
import { describeIssue, klingWording } from "./issues";
import { logger } from "../log";

const log = logger("api");

/** Requests one API key may make per minute (all endpoints together). */
const apiRateLimitPerMinute = () => Number(process.env.API_RATE_LIMIT_PER_MINUTE) || 120;

type Context<B, Q, P extends string> = ApiCaller & Input<B, Q, P> & { req: NextRequest; requestId: string };

function envelope(requestId: string, status: number, payload: { code: number; message: string; data?: unknown }, headers?: Record<string, string>) {
  return NextResponse.json({ code: payload.code, message: payload.message, request_id: requestId, ...("data" in payload ? { data: payload.data } : {}) }, {
    status,
    headers: { "x-request-id": requestId, "cache-control": "no-store", ...headers },
  });
}

/** The shared input boundary's refusals in Kling's codes. */
function inputRefusal(error: InputError): ApiError {
  switch (error.reason) {
    case "too_large":
      return new ApiError(1200, error.message, undefined, 413);
    case "not_json":
      return new ApiError(1200, error.message);
    case "not_found":
      return new ApiError(1203, error.message);
    case "invalid":
      return new ApiError(1201, describeIssue(error.issues[0]!));
  }
}

/**
 * The one wrapper of the public /v1 API (Kling-compatible): key authentication, a per-key rate
 * limit, the input boundary shared with /api (lib/http/input.ts: zod-parsed path, query and
 * size-capped body) and Kling's envelope `{ code, message, request_id, data }` with Kling's
 * error codes and HTTP statuses.
 */
export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends string = never>(
  options: InputOptions<B, Q, P>,
  run: (ctx: Context<B, Q, P>) => Promise<{ data: unknown; status?: number }>,
) {
  return (req: NextRequest, route?: RouteContext): Promise<Response> => observeRequest(req, route, (requestId) => answer(req, route, requestId));

  async function answer(req: NextRequest, route: RouteContext | undefined, requestId: string): Promise<Response> {
    try {
      const caller = await authenticate(req);
      try {
        await consume("api_key", apiRateLimitPerMinute(), caller.key.id, "requests with this API key", 60);
      } catch (error) {
        if (error instanceof RateLimitedError) throw new ApiError(1302, error.message, { "retry-after": String(error.retryAfterSeconds) });
        throw error;
      }
      const input = await readInput(req, route, options, klingWording);
      const result = await run({ ...caller, ...input, req, requestId } as Context<B, Q, P>);
      return envelope(requestId, result.status ?? 200, { code: 0, message: "SUCCEED", data: result.data });
    } catch (thrown) {
      const error = thrown instanceof InputError ? inputRefusal(thrown) : (klingRefusal(thrown) ?? thrown);
      if (error instanceof ApiError) return envelope(requestId, error.status, { code: error.code, message: error.message }, error.headers);
      log.error({ err: error, method: req.method, path: req.nextUrl.pathname, requestId }, "unhandled error in an API route");
      return envelope(requestId, 500, { code: 5000, message: `Internal error; quote request_id ${requestId} when reporting it.` });
    }
  }
}

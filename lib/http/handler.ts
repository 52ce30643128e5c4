import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { isAdmin } from "../admin/roles";
import { userFromRequest } from "../auth/session";
import { RateLimitedError } from "../auth/rate-limit";
import type { PublicUser } from "../auth/users";
import { fieldErrors, type FieldErrors } from "../auth/schemas";
import { httpRefusal } from "../errors/http";
import { InputError, readInput, type Input, type InputOptions, type RouteContext } from "./input";
import { observeRequest } from "./observe";
import { logger } from "../log";

const log = logger("http");

/** An error a person can act on: its status and message go to the client as they are. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export type ErrorBody = { error: { message: string; fields?: FieldErrors } };

function errorResponse(status: number, message: string, fields?: FieldErrors, headers?: HeadersInit) {
  return NextResponse.json<ErrorBody>({ error: { message, ...(fields ? { fields } : {}) } }, { status, headers });
}

/** `admin`: a signed-in admin (lib/admin/roles.ts); anyone else, signed out included, gets the same 404 as a path that does not exist. */
type Auth = "user" | "admin" | "public";
type Context<A extends Auth, B, Q, P extends string> = Input<B, Q, P> & {
  req: NextRequest;
  /** Read only for `auth: "user"` and `"admin"` routes; public routes get null. */
  user: A extends "public" ? null : PublicUser;
};

type Options<A extends Auth, B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends string> = InputOptions<B, Q, P> & {
  auth: A;
  /** Runs before the input is read; throw RateLimitedError to refuse. */
  rateLimit?: (req: NextRequest, user: PublicUser | null) => Promise<void>;
};

const INPUT_STATUS = { too_large: 413, not_json: 400, not_found: 404, invalid: 422 } as const;

/** An error answer, whatever was thrown: HttpError and InputError as they say, a domain refusal by its code, anything else a 500. */
function errorAnswer(error: unknown): Response {
  if (error instanceof HttpError) return errorResponse(error.status, error.message, error.fields);
  if (error instanceof InputError) {
    const fields = error.reason === "invalid" ? fieldErrors(error) : undefined;
    return errorResponse(INPUT_STATUS[error.reason], error.message, fields);
  }
  if (error instanceof RateLimitedError) {
    return errorResponse(429, error.message, undefined, { "Retry-After": String(error.retryAfterSeconds) });
  }
  const refusal = httpRefusal(error);
  if (refusal) return errorResponse(refusal.status, refusal.message, refusal.fields);
  log.error({ err: error }, "unhandled error in a route");
  return errorResponse(500, "Something went wrong on our side. Try again in a moment.");
}

/**
 * The one wrapper every route handler goes through: session, rate limit, the input boundary
 * (zod-parsed path segments, query string and size-capped JSON body, lib/http/input.ts) and a
 * single error shape `{ error: { message, fields? } }`; every request is counted and logged with
 * its request id (lib/http/observe.ts).
 */
export function handler<A extends Auth, B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends string = never>(
  options: Options<A, B, Q, P>,
  run: (ctx: Context<A, B, Q, P>) => Promise<Response>,
) {
  return (req: NextRequest, route?: RouteContext): Promise<Response> =>
    observeRequest(req, route, async () => {
      try {
        const user = options.auth === "public" ? null : await userFromRequest(req);
        if (options.auth === "admin" && !(user && (await isAdmin(user)))) return errorResponse(404, "Not found.");
        if (options.auth === "user" && !user) return errorResponse(401, "Sign in to continue.");
        await options.rateLimit?.(req, user);
        const input = await readInput(req, route, options);
        return await run({ req, user, ...input } as Context<A, B, Q, P>);
      } catch (error) {
        return errorAnswer(error);
      }
    });
}

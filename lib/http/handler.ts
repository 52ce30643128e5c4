import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { userFromRequest } from "../auth/session";
import { RateLimitedError } from "../auth/rate-limit";
import type { PublicUser } from "../auth/users";
import { fieldErrors, type FieldErrors } from "../auth/schemas";

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

type Auth = "user" | "public";
type Context<A extends Auth, B, P extends string> = {
  req: NextRequest;
  /** Read only for `auth: "user"` routes; public routes get null. */
  user: A extends "user" ? PublicUser : null;
  body: B;
  params: Record<P, string>;
};

type Options<A extends Auth, S extends z.ZodType | undefined, P extends string> = {
  auth: A;
  body?: S;
  /** Runs before the body is parsed; throw RateLimitedError to refuse. */
  rateLimit?: (req: NextRequest, user: PublicUser | null) => Promise<void>;
  /** Dynamic route segments the handler reads, e.g. `["id"]` in app/api/media/[id]/route.ts. */
  params?: readonly P[];
};

/** What Next passes a route handler as its second argument. */
type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * The one wrapper every route handler goes through: session, rate limit, zod-parsed JSON body
 * and a single error shape `{ error: { message, fields? } }`.
 */
export function handler<A extends Auth, S extends z.ZodType | undefined = undefined, P extends string = never>(
  options: Options<A, S, P>,
  run: (ctx: Context<A, S extends z.ZodType ? z.output<S> : undefined, P>) => Promise<Response>,
) {
  return async (req: NextRequest, route?: RouteContext): Promise<Response> => {
    try {
      const user = options.auth === "user" ? await userFromRequest(req) : null;
      if (options.auth === "user" && !user) return errorResponse(401, "Sign in to continue.");
      await options.rateLimit?.(req, user);
      const segments = (await route?.params) ?? {};
      const params = {} as Record<P, string>;
      for (const name of options.params ?? []) {
        const value = segments[name];
        // A catch-all segment is an array; a handler naming it as a single segment has no such page.
        if (typeof value !== "string") return errorResponse(404, "Not found.");
        params[name] = value;
      }
      let body: unknown = undefined;
      if (options.body) {
        let raw: unknown;
        try {
          raw = await req.json();
        } catch {
          return errorResponse(400, "The request body must be JSON.");
        }
        const parsed = options.body.safeParse(raw);
        if (!parsed.success) {
          const fields = fieldErrors(parsed.error);
          return errorResponse(422, Object.values(fields)[0] ?? "Check the highlighted fields.", fields);
        }
        body = parsed.data;
      }
      return await run({ req, user, body, params } as Context<A, S extends z.ZodType ? z.output<S> : undefined, P>);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error.status, error.message, error.fields);
      if (error instanceof RateLimitedError) {
        return errorResponse(429, error.message, undefined, { "Retry-After": String(error.retryAfterSeconds) });
      }
      console.error(error);
      return errorResponse(500, "Something went wrong on our side. Try again in a moment.");
    }
  };
}

import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { pathSegmentSchema } from "../validation/text";
import { readBodyAtMost } from "./read-body";

// The input boundary both route wrappers share (lib/http/handler.ts for /api, lib/api/route.ts
// for /v1): path segments, the query string and a size-capped JSON body, each parsed by a zod
// schema. Each wrapper turns an InputError into its own answer.

/** A JSON body larger than this is refused unless the route allows more (generation requests are a few KB). */
export const DEFAULT_JSON_LIMIT_BYTES = 256 * 1024;

export type InputFailure = "too_large" | "not_json" | "not_found" | "invalid";

/** Why a request's input was refused; `issues` holds the zod issues of an `invalid` one. */
export class InputError extends Error {
  constructor(
    readonly reason: InputFailure,
    message: string,
    readonly issues: z.core.$ZodIssue[] = [],
  ) {
    super(message);
  }
}

/** How a refused field is worded: the /v1 API passes its own map, /api uses the global one (lib/validation/messages.ts). */
export type Wording = z.core.$ZodErrorMap | undefined;

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`;
}

/** The body as text, refused past `limitBytes` (from Content-Length before reading, and again while streaming). */
export async function readTextAtMost(req: Request, limitBytes: number): Promise<string> {
  const bytes = await readBodyAtMost(req, limitBytes, () => new InputError("too_large", `The request body is larger than the ${formatBytes(limitBytes)} limit.`));
  return bytes.toString("utf8");
}

async function readJsonAtMost(req: Request, limitBytes: number): Promise<unknown> {
  const text = await readTextAtMost(req, limitBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError("not_json", "The request body must be JSON (Content-Type: application/json).");
  }
}

function parsePart<S extends z.ZodType>(schema: S, value: unknown, wording: Wording): z.output<S> {
  const parsed = schema.safeParse(value, wording ? { error: wording } : undefined);
  if (!parsed.success) throw new InputError("invalid", parsed.error.issues[0]!.message, parsed.error.issues);
  return parsed.data;
}

// Object schemas built once, not per request: zod compiles each new object schema on its first parse.
const headerSchemas = new WeakMap<z.ZodType, Map<string, z.ZodType>>();
const segmentSchemas = new Map<string, z.ZodType>();

function headerSchema(name: string, schema: z.ZodType): z.ZodType {
  let byName = headerSchemas.get(schema);
  if (!byName) headerSchemas.set(schema, (byName = new Map()));
  let object = byName.get(name);
  if (!object) byName.set(name, (object = z.object({ [name]: schema })));
  return object;
}

function segmentsSchema(names: readonly string[]): z.ZodType {
  const key = names.join("/");
  let object = segmentSchemas.get(key);
  if (!object) segmentSchemas.set(key, (object = z.object(Object.fromEntries(names.map((name) => [name, pathSegmentSchema])))));
  return object;
}

/** One request header, parsed by `schema` (absent: undefined). */
export function readHeader<S extends z.ZodType>(req: Request, name: string, schema: S, wording?: Wording): z.output<S> {
  return (parsePart(headerSchema(name, schema), { [name]: req.headers.get(name) ?? undefined }, wording) as Record<string, unknown>)[name] as z.output<S>;
}

/** What Next passes a route handler as its second argument. */
export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type InputOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends string> = {
  body?: B;
  /** The JSON body's cap; DEFAULT_JSON_LIMIT_BYTES when not given. */
  maxBodyBytes?: number;
  /** The query string, as an object of its (last) values. */
  query?: Q;
  /** Dynamic route segments the handler reads, e.g. `["id"]` in app/api/media/[id]/route.ts. */
  params?: readonly P[];
};

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type Input<B, Q, P extends string> = { body: Out<B>; query: Out<Q>; params: Record<P, string> };

/** Path segments, then the query string, then the body: each refused with an InputError. */
export async function readInput<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends string>(
  req: NextRequest,
  route: RouteContext | undefined,
  options: InputOptions<B, Q, P>,
  wording?: Wording,
): Promise<Input<B, Q, P>> {
  const segments = (await route?.params) ?? {};
  const names = options.params ?? [];
  // A catch-all segment is an array; a handler naming it as a single segment has no such page.
  if (names.some((name) => typeof segments[name] !== "string")) throw new InputError("not_found", "Not found.");
  const params = (names.length ? parsePart(segmentsSchema(names), segments, wording) : {}) as Record<P, string>;
  const query = options.query ? parsePart(options.query, Object.fromEntries(req.nextUrl.searchParams), wording) : undefined;
  const body = options.body ? parsePart(options.body, await readJsonAtMost(req, options.maxBodyBytes ?? DEFAULT_JSON_LIMIT_BYTES), wording) : undefined;
  return { params, query: query as Out<Q>, body: body as Out<B> };
}

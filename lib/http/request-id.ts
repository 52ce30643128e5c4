import { randomUUID } from "node:crypto";

/** A client's X-Request-Id is kept when it is a plain token of sane length; anything else gets a fresh id. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdOf(header: string | null): string {
  return header && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * The route's pattern for metrics and logs (`/api/generations/[id]`), from the path and the
 * route's parameters, so one label value stands for every id.
 */
export function routePattern(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string") names.set(value, `[${name}]`);
  }
  const catchAll = Object.entries(params).find(([, value]) => Array.isArray(value));
  const segments = pathname.split("/").map((segment) => names.get(safeDecode(segment)) ?? segment);
  if (catchAll && Array.isArray(catchAll[1]) && catchAll[1].length) {
    const tail = catchAll[1].length;
    return [...segments.slice(0, segments.length - tail), `[...${catchAll[0]}]`].join("/");
  }
  return segments.join("/");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

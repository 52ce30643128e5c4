import "server-only";
import { logger, withLogContext } from "../log";
import { metrics } from "../metrics/registry";
import type { RouteContext } from "./input";
import { requestIdOf, routePattern } from "./request-id";

const log = logger("http");

/**
 * Runs one request with its request id on every log line written while it is answered (and in
 * the X-Request-Id response header), then counts it and logs one access line, by route pattern.
 */
export async function observeRequest(req: Request & { nextUrl: URL }, route: RouteContext | undefined, answer: (requestId: string) => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const requestId = requestIdOf(req.headers.get("x-request-id"));
  const pattern = routePattern(req.nextUrl.pathname, await paramsOf(route));
  return withLogContext({ requestId }, async () => {
    const response = withRequestId(await answer(requestId), requestId);
    const seconds = (performance.now() - started) / 1000;
    const m = metrics();
    m.httpRequests.inc({ method: req.method, route: pattern, status: String(response.status) });
    m.httpDuration.observe({ method: req.method, route: pattern }, seconds);
    log.info({ method: req.method, route: pattern, status: response.status, ms: Math.round(seconds * 1000) }, "request");
    return response;
  });
}

/** The route's path parameters; Next.js gives routes without dynamic segments none. */
async function paramsOf(route: RouteContext | undefined): Promise<Record<string, string | string[] | undefined>> {
  try {
    return (await route?.params) ?? {};
  } catch {
    return {};
  }
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("x-request-id", requestId);
    return response;
  } catch {
    // Immutable headers (a fetched or redirect response): the same answer with the header added.
    const copy = new Response(response.body, response);
    copy.headers.set("x-request-id", requestId);
    return copy;
  }
}

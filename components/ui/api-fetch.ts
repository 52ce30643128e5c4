"use client";

import type { FieldErrors } from "@/lib/auth/schemas";

/**
 * The browser's one way to call our /api routes: JSON (or a FormData upload) in, the parsed
 * answer out, and any failure as the sentence to show — the route's own
 * `{ error: { message, fields } }`, or the caller's fallback when there is none (no connection,
 * an answer that is not ours).
 */

export type ApiFailure = { ok: false; status: number | null; message: string; fields?: FieldErrors };
export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

type Options = {
  /** Sent as JSON; a FormData is sent as it is (multipart). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Shown when the route gave no message of its own. */
  fallback?: string;
};

const UNREACHABLE = "Could not reach the server. Check your connection and try again.";
const UNEXPLAINED = "Something went wrong. Try again in a moment.";

export async function apiFetch<T>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, options: Options = {}): Promise<ApiResult<T>> {
  const { body, fallback } = options;
  const json = body !== undefined && !(body instanceof FormData);
  const response = await fetch(url, {
    method,
    headers: { ...(json ? { "content-type": "application/json" } : {}), ...options.headers },
    body: body === undefined ? undefined : json ? JSON.stringify(body) : (body as FormData),
    signal: options.signal,
    ...(method === "GET" ? { cache: "no-store" as const } : {}),
  }).catch(() => null);
  if (!response) return { ok: false, status: null, message: fallback ?? UNREACHABLE };
  const parsed = (await response.json().catch(() => undefined)) as unknown;
  // An answer with no body (204) is a success with nothing in it.
  if (response.ok) return { ok: true, status: response.status, data: (parsed ?? null) as T };
  const error = (parsed as { error?: { message?: unknown; fields?: FieldErrors } } | undefined)?.error;
  const message = typeof error?.message === "string" && error.message ? error.message : (fallback ?? UNEXPLAINED);
  return { ok: false, status: response.status, message, ...(error?.fields ? { fields: error.fields } : {}) };
}

/** An API call that did not succeed; its message is the sentence to show. */
export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.message);
  }
}

/** apiFetch for callers that prefer try/catch: resolves to the answer, or throws an ApiError. */
export async function sendJson<T>(method: "POST" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<T> {
  const result = await apiFetch<T>(method, url, { body });
  if (!result.ok) throw new ApiError(result);
  return result.data;
}

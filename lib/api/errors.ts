/**
 * Kling's error codes and the HTTP status each comes with (shared/reference/kling-api.md §1.13),
 * so existing Kling clients branch on them unchanged.
 */
export const KLING_CODES = {
  1000: { status: 401, meaning: "Authentication failed (unknown or revoked key, wrong signature)" },
  1001: { status: 401, meaning: "Authorization header missing" },
  1002: { status: 401, meaning: "Authorization header malformed" },
  1003: { status: 401, meaning: "Token not yet valid (nbf)" },
  1004: { status: 401, meaning: "Token expired" },
  1102: { status: 429, meaning: "Not enough credits" },
  1103: { status: 403, meaning: "Not included in your plan (e.g. pro mode on Free)" },
  1200: { status: 400, meaning: "Invalid request (body not JSON, too large)" },
  1201: { status: 400, meaning: "Invalid or unsupported parameter (the message names it)" },
  1203: { status: 404, meaning: "Task not found" },
  1301: { status: 400, meaning: "Content policy" },
  1302: { status: 429, meaning: "Too many requests for this key" },
  5000: { status: 500, meaning: "Internal error" },
} as const;

export type KlingCode = keyof typeof KLING_CODES;

export class ApiError extends Error {
  constructor(
    readonly code: KlingCode,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  get status(): number {
    return KLING_CODES[this.code].status;
  }
}

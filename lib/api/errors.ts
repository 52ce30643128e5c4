/**
 * Kling's error codes and the HTTP status each comes with (shared/reference/kling-api.md §1.13),
 * so existing Kling clients branch on them unchanged.
 */
export const KLING_CODES = {
  1000: 401, // authentication failed
  1001: 401, // Authorization header empty
  1002: 401, // Authorization header invalid
  1003: 401, // token not yet valid (nbf)
  1004: 401, // token expired
  1102: 429, // no credits left (Kling: resource pack depleted)
  1103: 403, // no access to this feature (plan)
  1200: 400, // invalid request
  1201: 400, // invalid parameter value
  1202: 404, // method not supported
  1203: 404, // resource not found
  1301: 400, // content-safety policy
  1302: 429, // too many requests
  5000: 500, // internal error
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
    return KLING_CODES[this.code];
  }
}

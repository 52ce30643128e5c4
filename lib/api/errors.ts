import type { PriceError } from "../credits/price";
import { DomainError } from "../errors/domain";
import type { ElementError } from "../elements/errors";
import type { SubmitError } from "../generations/submit";
import type { UploadQuotaError } from "../storage/uploads";
import type { ImageRejectedError } from "../storage/validate-image";

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
    /** Only where HTTP has a truer status than Kling's table (a body over the limit: 413). */
    private readonly httpStatus?: number,
  ) {
    super(message);
  }

  get status(): number {
    return this.httpStatus ?? KLING_CODES[this.code].status;
  }
}

/** The refusals a /v1 create can meet, as Kling's codes: a code added to a domain error without one here fails the typecheck. */
const KLING_CODE: Record<PriceError["code"] | ImageRejectedError["code"] | SubmitError["code"] | ElementError["code"] | UploadQuotaError["code"], KlingCode> = {
  shot_count: 1201,
  shot_length: 1201,
  total_length: 1201,
  clip_length: 1201,
  count: 1201,
  mode: 1201,
  empty: 1201,
  too_large: 1201,
  not_an_image: 1201,
  damaged: 1201,
  unreadable: 1201,
  too_many_pixels: 1201,
  too_small: 1201,
  bad_aspect: 1201,
  idempotency_key_reused: 1201,
  unknown_image: 1201,
  content_policy: 1301,
  plan_required: 1103,
  unsupported: 1201,
  insufficient_credits: 1102,
  not_found: 1201,
  not_finished: 1201,
  too_long: 1201,
  // A suspended account's keys stop working as a revoked key does.
  suspended: 1000,
  element_not_found: 1203,
  element_in_use: 1201,
  element_name_taken: 1201,
  element_images: 1201,
  reference_limit: 1201,
  unknown_mention: 1201,
  bad_reference: 1201,
  upload_quota: 1201,
};

/** A domain refusal as Kling's code (`prefix` names the request field, e.g. "Invalid image: "), or null for anything else. */
export function klingRefusal(error: unknown, prefix = ""): ApiError | null {
  if (!(error instanceof DomainError)) return null;
  const code = KLING_CODE[error.code as keyof typeof KLING_CODE];
  return code === undefined ? null : new ApiError(code, `${prefix}${error.message}`);
}

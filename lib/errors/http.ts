import type { AdminRefusal } from "../admin/errors";
import type { ApiKeyLimitError } from "../api-keys/keys";
import type { FieldErrors } from "../auth/schemas";
import type { DuplicateEmailError } from "../auth/users";
import type { PlanConflictError } from "../billing/subscriptions";
import type { NoSubscriptionError } from "../billing/test-mode";
import type { PriceError } from "../credits/price";
import type { SubmitError } from "../generations/submit";
import type { ElementError } from "../elements/errors";
import type { UploadQuotaError } from "../storage/uploads";
import type { ImageRejectedError } from "../storage/validate-image";
import { DomainError } from "./domain";

/** Every refusal the domain can make; the public API maps the ones it can meet in lib/api/errors.ts. */
export type DomainRefusal = PriceError | ImageRejectedError | SubmitError | DuplicateEmailError | ApiKeyLimitError | PlanConflictError | NoSubscriptionError | UploadQuotaError | AdminRefusal | ElementError;
export type RefusalCode = DomainRefusal["code"];

/** The HTTP status of each refusal on /api: a code added to a domain error without one here fails the typecheck. */
const HTTP_STATUS: Record<RefusalCode, number> = {
  // Pricing: a request the price table cannot price.
  shot_count: 422,
  shot_length: 422,
  total_length: 422,
  clip_length: 422,
  count: 422,
  mode: 422,
  // Uploads.
  empty: 400,
  too_large: 413,
  not_an_image: 415,
  damaged: 422,
  unreadable: 422,
  too_many_pixels: 422,
  too_small: 422,
  bad_aspect: 422,
  upload_quota: 413,
  // Submits and extensions.
  idempotency_key_reused: 409,
  unknown_image: 404,
  content_policy: 422,
  plan_required: 403,
  unsupported: 422,
  insufficient_credits: 402,
  not_found: 404,
  not_finished: 409,
  too_long: 422,
  suspended: 403,
  // Elements and the references a generation names.
  element_not_found: 404,
  element_in_use: 409,
  element_name_taken: 409,
  element_images: 422,
  reference_limit: 422,
  unknown_mention: 422,
  bad_reference: 422,
  // Accounts, keys and test billing.
  email_taken: 409,
  key_limit: 409,
  plan_conflict: 409,
  no_subscription: 409,
  // Admin actions.
  no_such_user: 404,
  no_such_job: 404,
  over_balance: 409,
  not_retryable: 409,
  not_active: 409,
  user_suspended: 409,
  no_change: 409,
};

/** A domain refusal as /api answers it, or null for anything else (which the wrapper treats as a bug). */
export function httpRefusal(error: unknown): { status: number; message: string; fields?: FieldErrors } | null {
  if (!(error instanceof DomainError)) return null;
  const status = HTTP_STATUS[error.code as RefusalCode];
  if (status === undefined) return null;
  return { status, message: error.message, ...(error.field ? { fields: { [error.field]: error.message } } : {}) };
}

/**
 * Kling's error codes (shared/reference/kling-api.md §1.13) and what we do about each. Branch on
 * the code, never the HTTP status: several 429s (1100–1102, 1304) are not worth retrying.
 */

export type KlingErrorAction =
  /** The token was refused as expired / not yet valid: sign a new one and repeat once. */
  | "resign"
  /** Rate limit, over the account's concurrency, or Kling is down: wait and repeat. */
  | "backoff"
  /** Kling may have done it anyway (5002 internal timeout, or our timeout / a dropped connection): look before repeating. */
  | "ambiguous"
  | "terminal";

export function actionFor(code: number): KlingErrorAction {
  if (code === 1003 || code === 1004) return "resign";
  if (code === 1302 || code === 1303 || code === 5000 || code === 5001) return "backoff";
  if (code === 5002) return "ambiguous";
  return "terminal";
}

/** A response from Kling with a non-zero code (or no envelope at all: code -1). */
export class KlingApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    readonly klingMessage: string,
    readonly requestId: string | null,
  ) {
    super(`Kling answered ${httpStatus} with code ${code}: ${klingMessage}`);
  }

  get action(): KlingErrorAction {
    // Without Kling's envelope (a proxy's page, a crash) only the HTTP status is left to go on.
    if (this.code === -1) return this.httpStatus >= 500 || this.httpStatus === 429 ? "backoff" : "terminal";
    return actionFor(this.code);
  }
}

/** No answer: the request timed out or the connection failed. The request may still have reached Kling. */
export class KlingNetworkError extends Error {}

/** What a person reads on the failed job for a terminal Kling error. */
export function explainKlingError(error: KlingApiError): string {
  const what = `Kling ${error.code}: ${error.klingMessage}`;
  if (error.code === 1003 || error.code === 1004) return `The video service refused this server's token even after a new one was signed (${what}). The operator must check the server's clock.`;
  if (error.code >= 1000 && error.code <= 1002) return `The video service refused this server's credentials (${what}). The operator must check KLING_ACCESS_KEY and KLING_SECRET_KEY (or KLING_API_KEY).`;
  if (error.code === 1102) return `The video service's resource pack is used up or expired (${what}). The operator must top it up.`;
  if (error.code === 1100 || error.code === 1101 || error.code === 1304) return `The video service refused this server's account (${what}). The operator must check the Kling account.`;
  if (error.code === 1103) return `This server's Kling account cannot use the configured model (${what}).`;
  if (error.code === 1300 || error.code === 1301) return `Kling's content rules refused this prompt or image (${what}). Edit it and try again.`;
  return `Kling refused the request (${what}).`;
}

/**
 * A refusal by the domain (no credits, a damaged image, a plan that does not allow it) with a
 * closed code and a message a person can act on. The domain never picks an HTTP status or a
 * Kling code: lib/errors/http.ts maps each code once for /api, lib/api/errors.ts once for /v1.
 */
export class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    /** The request field the refusal is about, when it is about one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

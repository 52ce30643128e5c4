import { createHmac } from "node:crypto";
import { constantTimeEqual } from "../api-keys/constant-time";
import { forbiddenCharacter } from "../validation/text";

/** Clock difference tolerated on exp and nbf, in seconds (Kling clients set nbf = now - 5). */
const CLOCK_SKEW_SECONDS = 10;

/** The longest a token may still be valid for: a leaked token is worthless after at most this long. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

const LIFETIME_LIMIT: TokenCheck = {
  ok: false,
  code: 1004,
  message: "The token's exp must be a time (Unix seconds) at most 24 hours from now: sign tokens that expire sooner, e.g. in 30 minutes.",
};

export type Credential =
  | { kind: "jwt"; accessKey: string; verify: (secret: string, nowSeconds: number) => TokenCheck }
  | { kind: "pair"; accessKey: string; verify: (secret: string) => TokenCheck };

export type TokenCheck = { ok: true } | { ok: false; code: 1000 | 1002 | 1003 | 1004; message: string };

const OK: TokenCheck = { ok: true };
const BAD_SIGNATURE: TokenCheck = { ok: false, code: 1000, message: "Authentication failed: the token's signature does not match the secret key of its access key." };

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Reads `Authorization: Bearer …` as Kling's HS256 JWT (iss = access key) or as the plain
 * `<access key>.<secret key>` pair. The secret is looked up by the caller; verify() then checks
 * the signature before the time claims, so an unsigned token learns nothing about them.
 */
export function parseAuthorization(header: string | null): Credential | { kind: "error"; code: 1001 | 1002; message: string } {
  if (!header?.trim()) return { kind: "error", code: 1001, message: "Authorization is empty: send Authorization: Bearer <JWT signed with your secret key>." };
  const match = /^Bearer (\S+)$/.exec(header.trim());
  if (!match) return { kind: "error", code: 1002, message: "Authorization is invalid: it must be \"Bearer <token>\" with one space." };
  const parts = match[1]!.split(".");
  if (parts.length === 2 && parts[0] && parts[1]) {
    const [accessKey, given] = parts as [string, string];
    return { kind: "pair", accessKey, verify: (secret) => (constantTimeEqual(given, secret) ? OK : { ok: false, code: 1000, message: "Authentication failed: wrong secret key for this access key." }) };
  }
  if (parts.length !== 3) return { kind: "error", code: 1002, message: "Authorization is invalid: the token is neither a JWT nor <access key>.<secret key>." };
  const [headerPart, payloadPart, signature] = parts as [string, string, string];
  const head = decodeJson(headerPart);
  const claims = decodeJson(payloadPart);
  if (!head || !claims) return { kind: "error", code: 1002, message: "Authorization is invalid: the JWT's header or payload is not base64url JSON." };
  if (head.alg !== "HS256") return { kind: "error", code: 1002, message: `Authorization is invalid: the JWT must be signed with HS256 (got alg ${JSON.stringify(head.alg ?? null)}).` };
  if (typeof claims.iss === "string" && (claims.iss.length > 200 || forbiddenCharacter(claims.iss) !== null)) {
    return { kind: "error", code: 1002, message: "Authorization is invalid: the JWT's iss claim is not an access key." };
  }
  if (typeof claims.iss !== "string" || !claims.iss) return { kind: "error", code: 1002, message: "Authorization is invalid: the JWT has no iss claim (set it to your access key)." };
  if (claims.nbf !== undefined && typeof claims.nbf !== "number") return { kind: "error", code: 1002, message: "Authorization is invalid: the JWT's nbf claim must be a number." };
  const exp = claims.exp;
  const nbf = claims.nbf as number | undefined;
  return {
    kind: "jwt",
    accessKey: claims.iss,
    verify(secret, nowSeconds) {
      const expected = createHmac("sha256", secret).update(`${headerPart}.${payloadPart}`).digest("base64url");
      if (!constantTimeEqual(signature, expected)) return BAD_SIGNATURE;
      if (nbf !== undefined && nbf > nowSeconds + CLOCK_SKEW_SECONDS) return { ok: false, code: 1003, message: "The token is not yet valid (nbf is in the future): check your clock." };
      // 1e999 reads as Infinity, and a string or a missing exp is no expiry at all: all beyond the limit.
      if (typeof exp !== "number" || !Number.isFinite(exp) || exp - nowSeconds > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) return LIFETIME_LIMIT;
      if (exp <= nowSeconds - CLOCK_SKEW_SECONDS) return { ok: false, code: 1004, message: "The token has expired: sign a new one." };
      return OK;
    },
  };
}

import "server-only";
import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";

/**
 * next-auth's session-token decode with the tokens already opened kept by their exact text: every
 * signed-in request sends the same cookie, and opening it (a key derivation and a decryption, about
 * 0.3 ms) cost as much as the request's whole database query. A kept token is still refused once it
 * expires; anything not byte-for-byte a token opened before with the same secret goes through the
 * real decode (a rotated secret opens nothing kept under the old one).
 */
const openedBySecret = new Map<string, Map<string, JWT>>();
const MAX_KEPT = 5_000;
/** next-auth's own leeway on expiry. */
const CLOCK_TOLERANCE_SECONDS = 15;

export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token } = params;
  if (!token) return null;
  const secret = typeof params.secret === "string" ? params.secret : params.secret.join("\u0000");
  let opened = openedBySecret.get(secret);
  if (!opened) openedBySecret.set(secret, (opened = new Map()));
  const kept = opened.get(token);
  if (kept) {
    if (typeof kept.exp === "number" && kept.exp + CLOCK_TOLERANCE_SECONDS < Date.now() / 1000) {
      opened.delete(token);
      throw new Error("The session token has expired.");
    }
    return kept;
  }
  const payload = await decode(params);
  if (payload) {
    if (opened.size >= MAX_KEPT) opened.clear();
    opened.set(token, payload);
  }
  return payload;
}

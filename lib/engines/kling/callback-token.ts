import { createHmac, timingSafeEqual } from "node:crypto";
import type { KlingCredentials } from "./auth";

/**
 * Kling signs nothing it sends, so each task's callback URL carries an HMAC of its generation id
 * (keyed by our Kling secret): a forged callback cannot even wake a poller.
 */

const keyOf = (credentials: KlingCredentials) => ("apiKey" in credentials ? credentials.apiKey : credentials.secretKey);

function callbackToken(credentials: KlingCredentials, generationId: string): string {
  return createHmac("sha256", keyOf(credentials)).update(`kling-callback:${generationId}`).digest("base64url");
}

export function callbackUrlFor(base: string, credentials: KlingCredentials, generationId: string): string {
  const url = new URL(base);
  url.searchParams.set("generation", generationId);
  url.searchParams.set("token", callbackToken(credentials, generationId));
  return url.toString();
}

export function validCallbackToken(credentials: KlingCredentials, generationId: string, token: string): boolean {
  const expected = Buffer.from(callbackToken(credentials, generationId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

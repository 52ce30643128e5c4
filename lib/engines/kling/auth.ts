import { createHmac } from "node:crypto";

/**
 * Kling's auth: an HS256 JWT (iss = access key, exp = now + 30 min, nbf = now − 5 s) signed with
 * the secret key, or a single API key sent as it is. Tokens are cached and re-signed 5 minutes
 * before they expire, or at once when Kling calls one expired / not yet valid (1003/1004).
 */

export type KlingCredentials = { accessKey: string; secretKey: string } | { apiKey: string };

const TTL_SECONDS = 1800;
const REFRESH_BEFORE_SECONDS = 300;
const NOT_BEFORE_SKEW_SECONDS = 5;

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

export function signKlingJwt(accessKey: string, secretKey: string, nowSeconds: number): string {
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(JSON.stringify({ iss: accessKey, exp: nowSeconds + TTL_SECONDS, nbf: nowSeconds - NOT_BEFORE_SKEW_SECONDS }));
  const signature = createHmac("sha256", secretKey).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

export class KlingAuth {
  private cached: { token: string; refreshAt: number } | null = null;

  constructor(
    private readonly credentials: KlingCredentials,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Whether a rejected token can be replaced by a fresh one (an API key cannot). */
  get canResign(): boolean {
    return !("apiKey" in this.credentials);
  }

  authorization(): string {
    if ("apiKey" in this.credentials) return `Bearer ${this.credentials.apiKey}`;
    const now = Math.floor(this.nowMs() / 1000);
    if (!this.cached || now >= this.cached.refreshAt) {
      this.cached = { token: signKlingJwt(this.credentials.accessKey, this.credentials.secretKey, now), refreshAt: now + TTL_SECONDS - REFRESH_BEFORE_SECONDS };
    }
    return `Bearer ${this.cached.token}`;
  }

  /** Drops the cached token (Kling refused it); the next call signs a new one. */
  invalidate(): void {
    this.cached = null;
  }
}

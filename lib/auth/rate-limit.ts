import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pgPool } from "../db/pool";

/**
 * Attempt limits kept in Postgres (table rate_limit, created by the migrations), so they
 * hold across every web process. Numbers are per 15 minutes.
 */
const WINDOW_SECONDS = 15 * 60;

type Limiter = InstanceType<typeof RateLimiterPostgres>;
const holder = globalThis as { __reelsmithLimiters?: Map<string, Limiter> };

function limiter(prefix: string, points: number, duration = WINDOW_SECONDS): Limiter {
  holder.__reelsmithLimiters ??= new Map();
  const id = `${prefix}:${points}:${duration}`;
  let found = holder.__reelsmithLimiters.get(id);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: pgPool(),
      storeType: "pool",
      tableName: "rate_limit",
      tableCreated: true,
      keyPrefix: prefix,
      points,
      duration,
      blockDuration: duration,
    });
    holder.__reelsmithLimiters.set(id, found);
  }
  return found;
}

const envNumber = (name: string, fallback: number) => Number(process.env[name] ?? fallback) || fallback;

// Per 15 minutes; the per-address limits can be raised where many people share one address.
export const SIGN_IN_LIMITS = { perEmail: 8, perIp: envNumber("SIGNIN_LIMIT_PER_IP", 40) };
export const SIGN_UP_LIMITS = { perIp: envNumber("SIGNUP_LIMIT_PER_IP", 20) };

export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number, what: string) {
    super(`Too many ${what}. Try again in ${retryAfterSeconds} s.`);
  }
}

/**
 * The stored key (rate_limit.key is 255 characters with the prefix): a long one, such as a
 * 254-character email or a forged X-Forwarded-For, is kept as its hash instead of failing the insert.
 */
const storedKey = (key: string) => (key.length > 128 ? createHash("sha256").update(key).digest("hex") : key);

/** Counts one attempt under `key`; throws RateLimitedError past `points` per window (15 minutes unless given). */
export async function consume(prefix: string, points: number, key: string, what: string, windowSeconds = WINDOW_SECONDS): Promise<void> {
  try {
    await limiter(prefix, points, windowSeconds).consume(storedKey(key));
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      throw new RateLimitedError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)), what);
    }
    throw error;
  }
}

/** Counts one sign-in attempt for the email and the client address; throws RateLimitedError past the limit. */
export async function limitSignIn(email: string, ip: string): Promise<void> {
  await consume("signin_ip", SIGN_IN_LIMITS.perIp, ip, "sign-in attempts from your network");
  await consume("signin_email", SIGN_IN_LIMITS.perEmail, email, "sign-in attempts for this email");
}

/** A successful sign-in clears the email's failed attempts. */
export async function clearSignInFailures(email: string): Promise<void> {
  await limiter("signin_email", SIGN_IN_LIMITS.perEmail).delete(storedKey(email));
}

export async function limitSignUp(ip: string): Promise<void> {
  await consume("signup_ip", SIGN_UP_LIMITS.perIp, ip, "sign-ups from your network");
}

/** The client address as the first proxy saw it. */
export function clientIp(headers: { get(name: string): string | null }): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}

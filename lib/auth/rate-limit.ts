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

/**
 * Sign-in: every attempt counts against the client address (per 15 minutes; raise it where many
 * people share one address). Failures count per email *and* address: after `freeFailures` of them
 * each further one makes that pair wait twice as long before the next try (2 s, 4 s, … up to 15
 * minutes). Nothing locks an email from everywhere, so no one can lock another person out.
 */
export const SIGN_IN_LIMITS = { perIp: envNumber("SIGNIN_LIMIT_PER_IP", 40), freeFailures: 4, maxDelaySeconds: WINDOW_SECONDS };
export const SIGN_UP_LIMITS = { perIp: envNumber("SIGNUP_LIMIT_PER_IP", 20) };
export const UPLOAD_LIMITS = { perUserPerHour: envNumber("UPLOAD_LIMIT_PER_HOUR", 60) };

export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number, what: string) {
    super(`Too many ${what}. Try again in ${retryAfterSeconds} s.`);
  }
}

const asRateLimited = (error: unknown, what: string) =>
  error instanceof RateLimiterRes ? new RateLimitedError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)), what) : error;
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
    throw asRateLimited(error, what);
  }
}

// Failures of one email from one address are remembered for a day; the wait after the latest is a one-point limiter blocked for the delay.
const failures = () => limiter("signin_fail", 1_000_000, 24 * 3600);
const waits = () => limiter("signin_wait", 1, SIGN_IN_LIMITS.maxDelaySeconds);
const pair = (email: string, address: string) => storedKey(`${email}|${address}`);
const WAIT_MESSAGE = "failed sign-ins for this email from your network";

/** Counts one sign-in attempt from the address, and refuses while this email and address must wait after failures. */
export async function limitSignIn(email: string, address: string): Promise<void> {
  await consume("signin_ip", SIGN_IN_LIMITS.perIp, address, "sign-in attempts from your network");
  const waiting = await waits().get(pair(email, address));
  if (waiting && waiting.consumedPoints > 1 && waiting.msBeforeNext > 0) throw asRateLimited(waiting, WAIT_MESSAGE);
}

/** A failed sign-in: past the free failures, this email and address wait twice as long as the time before. */
export async function recordSignInFailure(email: string, address: string): Promise<void> {
  const { consumedPoints } = await failures().penalty(pair(email, address));
  const over = consumedPoints - SIGN_IN_LIMITS.freeFailures;
  if (over > 0) await waits().block(pair(email, address), Math.min(2 ** over, SIGN_IN_LIMITS.maxDelaySeconds));
}

/** A successful sign-in forgets this email and address's failures. */
export async function clearSignInFailures(email: string, address: string): Promise<void> {
  await Promise.all([failures().delete(pair(email, address)), waits().delete(pair(email, address))]);
}

export async function limitSignUp(address: string): Promise<void> {
  await consume("signup_ip", SIGN_UP_LIMITS.perIp, address, "sign-ups from your network");
}

export async function limitUploads(userId: string): Promise<void> {
  await consume("upload_user", UPLOAD_LIMITS.perUserPerHour, userId, "uploads", 3600);
}

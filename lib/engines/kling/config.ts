import { z } from "zod";
import type { KlingCredentials } from "./auth";

/**
 * The kling engine's settings, from the environment. Timings are settings (not constants) so the
 * contract tests can run the real engine against a fake Kling in seconds.
 */
export type KlingConfig = {
  baseUrl: string;
  credentials: KlingCredentials;
  /** First wait between status queries; it grows by half each time, up to 6×. */
  pollIntervalMs: number;
  /** How long one attempt follows a task before handing it back to the queue (a timeout is not a failure). */
  pollTimeoutMs: number;
  /** First back-off after 1302/1303/5xx; doubles (with jitter) up to a minute. */
  retryBaseMs: number;
  requestTimeoutMs: number;
  /** Our public callback route; unset: no callbacks, polling alone. */
  callbackUrl: string | null;
};

type Env = Record<string, string | undefined>;

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z
  .object({
    KLING_API_BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default("https://api-singapore.klingai.com"),
    KLING_ACCESS_KEY: z.string().trim().min(1).optional(),
    KLING_SECRET_KEY: z.string().trim().min(1).optional(),
    KLING_API_KEY: z.string().trim().min(1).optional(),
    KLING_POLL_INTERVAL_MS: ms(5_000),
    KLING_POLL_TIMEOUT_MINUTES: z.coerce.number().positive().default(70),
    KLING_RETRY_BASE_MS: ms(1_000),
    KLING_REQUEST_TIMEOUT_MS: ms(30_000),
    KLING_CALLBACK_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  })
  .superRefine((env, ctx) => {
    const pair = Boolean(env.KLING_ACCESS_KEY) && Boolean(env.KLING_SECRET_KEY);
    if (!pair && !env.KLING_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["KLING_ACCESS_KEY"], message: "set KLING_ACCESS_KEY and KLING_SECRET_KEY (or KLING_API_KEY) to use the kling engine" });
    }
  });

/** Throws an Error naming the variable when the settings are missing or wrong. */
export function klingConfig(env: Env = process.env): KlingConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // Messages of the shared error map are whole sentences already (lib/validation/messages.ts).
    throw new Error(`${String(issue.path[0])}: ${issue.message.replace(/\.$/, "")}.`);
  }
  const e = parsed.data;
  return {
    baseUrl: e.KLING_API_BASE_URL.replace(/\/+$/, ""),
    credentials: e.KLING_ACCESS_KEY && e.KLING_SECRET_KEY ? { accessKey: e.KLING_ACCESS_KEY, secretKey: e.KLING_SECRET_KEY } : { apiKey: e.KLING_API_KEY! },
    pollIntervalMs: e.KLING_POLL_INTERVAL_MS,
    pollTimeoutMs: e.KLING_POLL_TIMEOUT_MINUTES * 60_000,
    retryBaseMs: e.KLING_RETRY_BASE_MS,
    requestTimeoutMs: e.KLING_REQUEST_TIMEOUT_MS,
    callbackUrl: e.KLING_CALLBACK_URL ?? null,
  };
}

import { describe, expect, it } from "vitest";
import { uniqueEmail } from "../../tests/support/factories";
import { clearSignInFailures, limitSignIn, RateLimitedError, recordSignInFailure, SIGN_IN_LIMITS } from "./rate-limit";

const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** One failed sign-in attempt as authorize() makes it: the check, then the failure. */
async function fail(email: string, ip: string) {
  await limitSignIn(email, ip);
  await recordSignInFailure(email, ip);
}

describe("sign-in rate limits (kept in Postgres)", () => {
  it("make one email and address wait after a few failures, twice as long each time", async () => {
    const email = uniqueEmail();
    const ip = uniqueIp();
    for (let i = 0; i < SIGN_IN_LIMITS.freeFailures; i++) await fail(email, ip);
    await limitSignIn(email, ip); // the free failures cost no wait
    await recordSignInFailure(email, ip);
    const first = (await limitSignIn(email, ip).catch((e: unknown) => e)) as RateLimitedError;
    expect(first).toBeInstanceOf(RateLimitedError);
    expect(first.retryAfterSeconds).toBe(2);
    expect(first.message).toBe("Too many failed sign-ins for this email from your network. Try again in 2 s.");
    await recordSignInFailure(email, ip);
    await recordSignInFailure(email, ip);
    expect(((await limitSignIn(email, ip).catch((e: unknown) => e)) as RateLimitedError).retryAfterSeconds).toBe(8);
    for (let i = 0; i < 20; i++) await recordSignInFailure(email, ip);
    expect(((await limitSignIn(email, ip).catch((e: unknown) => e)) as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.maxDelaySeconds);
  });

  it("never lock the owner out: an attacker's failures from elsewhere leave the owner's address untouched", async () => {
    const email = uniqueEmail();
    const attacker = uniqueIp();
    for (let i = 0; i < 30; i++) await recordSignInFailure(email, attacker);
    await expect(limitSignIn(email, attacker)).rejects.toBeInstanceOf(RateLimitedError);
    await limitSignIn(email, uniqueIp());
  });

  it("block one address trying many emails", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) await limitSignIn(uniqueEmail(), ip);
    await expect(limitSignIn(uniqueEmail(), ip)).rejects.toThrow(/from your network\. Try again in \d+ s\./);
  });

  it("count concurrent attempts from one address atomically", async () => {
    const ip = uniqueIp();
    const results = await Promise.allSettled(Array.from({ length: SIGN_IN_LIMITS.perIp + 20 }, () => limitSignIn(uniqueEmail(), ip)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(SIGN_IN_LIMITS.perIp);
  });

  it("count a 254-character email and a forged long address like any other (kept as their hash)", async () => {
    const email = `${"e".repeat(241)}@example.com`;
    const ip = "9".repeat(300);
    for (let i = 0; i <= SIGN_IN_LIMITS.freeFailures; i++) await fail(email, ip);
    await expect(limitSignIn(email, ip)).rejects.toBeInstanceOf(RateLimitedError);
    await clearSignInFailures(email, ip);
    await limitSignIn(email, ip);
  });

  it("forget an email and address's failures after a successful sign-in", async () => {
    const email = uniqueEmail();
    const ip = uniqueIp();
    for (let i = 0; i < SIGN_IN_LIMITS.freeFailures + 3; i++) await recordSignInFailure(email, ip);
    await expect(limitSignIn(email, ip)).rejects.toBeInstanceOf(RateLimitedError);
    await clearSignInFailures(email, ip);
    await limitSignIn(email, ip);
    await recordSignInFailure(email, ip);
    await limitSignIn(email, ip);
  });
});

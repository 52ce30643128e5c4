import { describe, expect, it } from "vitest";
import { uniqueEmail } from "../../tests/support/factories";
import { clearSignInFailures, clientIp, limitSignIn, RateLimitedError, SIGN_IN_LIMITS } from "./rate-limit";

const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("sign-in rate limits (kept in Postgres)", () => {
  it("block an email after its allowance, with the wait in seconds", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) await limitSignIn(email, uniqueIp());
    const refused = await limitSignIn(email, uniqueIp()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    const error = refused as RateLimitedError;
    expect(error.retryAfterSeconds).toBeGreaterThan(800);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(900);
    expect(error.message).toBe(`Too many sign-in attempts for this email. Try again in ${error.retryAfterSeconds} s.`);
  });

  it("block one address trying many emails", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) await limitSignIn(uniqueEmail(), ip);
    await expect(limitSignIn(uniqueEmail(), ip)).rejects.toThrow(/from your network\. Try again in \d+ s\./);
  });

  it("count a 254-character email and a forged long address like any other (kept as their hash)", async () => {
    const email = `${"e".repeat(241)}@example.com`;
    const ip = "9".repeat(300);
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) await limitSignIn(email, ip);
    await expect(limitSignIn(email, ip)).rejects.toBeInstanceOf(RateLimitedError);
    await clearSignInFailures(email);
    await limitSignIn(email, uniqueIp());
  });

  it("count concurrent attempts atomically", async () => {
    const email = uniqueEmail();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => limitSignIn(email, uniqueIp())));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(SIGN_IN_LIMITS.perEmail);
  });

  it("forgive an email's failures after a successful sign-in", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail - 1; i++) await limitSignIn(email, uniqueIp());
    await clearSignInFailures(email);
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) await limitSignIn(email, uniqueIp());
  });

  it("read the client address from the first proxy hop", () => {
    const headers = new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" });
    expect(clientIp(headers)).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-real-ip": "198.51.100.4" }))).toBe("198.51.100.4");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});

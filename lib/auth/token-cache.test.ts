import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken } from "./token-cache";

const secret = "a-test-secret-of-enough-length-for-hkdf";

describe("the session-token decode that keeps opened tokens", () => {
  it("opens a token, and gives the same payload for the same text again", async () => {
    const token = await encode({ token: { uid: "u1", sv: 0 }, secret });
    const first = await decodeSessionToken({ token, secret });
    expect(first).toMatchObject({ uid: "u1", sv: 0 });
    expect(await decodeSessionToken({ token, secret })).toBe(first);
  });

  it("refuses a token that was tampered with, or sealed with another secret", async () => {
    const token = await encode({ token: { uid: "u2" }, secret });
    await decodeSessionToken({ token, secret });
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(decodeSessionToken({ token: tampered, secret })).rejects.toThrow();
    await expect(decodeSessionToken({ token: await encode({ token: { uid: "u2" }, secret: "another-secret-entirely-different" }), secret })).rejects.toThrow();
  });

  it("opens a kept token only with the secret that opened it", async () => {
    const token = await encode({ token: { uid: "u4" }, secret });
    expect(await decodeSessionToken({ token, secret })).toMatchObject({ uid: "u4" });
    await expect(decodeSessionToken({ token, secret: "a-rotated-secret-of-enough-length-too" })).rejects.toThrow();
  });

  it("refuses a kept token once it has expired", async () => {
    // Valid for 16 s: past next-auth's 15 s leeway one second after it expires.
    const token = await encode({ token: { uid: "u3" }, secret, maxAge: 1 });
    expect(await decodeSessionToken({ token, secret })).toMatchObject({ uid: "u3" });
    const realNow = Date.now;
    Date.now = () => realNow() + 20_000;
    try {
      await expect(decodeSessionToken({ token, secret })).rejects.toThrow(/expired/);
    } finally {
      Date.now = realNow;
    }
  });
});

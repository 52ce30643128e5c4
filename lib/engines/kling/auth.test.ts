import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { KlingAuth, signKlingJwt } from "./auth";

const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;

describe("Kling auth", () => {
  it("signs an HS256 JWT with iss = access key, exp = +30 min and nbf = −5 s", () => {
    const token = signKlingJwt("ak", "sk", 1_700_000_000);
    const [header, payload, signature] = token.split(".");
    expect(decode(header!)).toEqual({ alg: "HS256", typ: "JWT" });
    expect(decode(payload!)).toEqual({ iss: "ak", exp: 1_700_001_800, nbf: 1_699_999_995 });
    expect(signature).toBe(createHmac("sha256", "sk").update(`${header}.${payload}`).digest("base64url"));
    expect(signKlingJwt("ak", "other", 1_700_000_000).split(".")[2]).not.toBe(signature);
  });

  it("reuses the token until 5 minutes before it expires, then signs a new one", () => {
    let now = 1_700_000_000_000;
    const auth = new KlingAuth({ accessKey: "ak", secretKey: "sk" }, () => now);
    const first = auth.authorization();
    expect(first).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    now += 24 * 60_000;
    expect(auth.authorization()).toBe(first);
    now += 60_000;
    const second = auth.authorization();
    expect(second).not.toBe(first);
    expect(decode(second.split(".")[1]!).exp).toBe(1_700_000_000 + 25 * 60 + 1800);
  });

  it("signs afresh after Kling refuses a token", () => {
    let now = 1_700_000_000_000;
    const auth = new KlingAuth({ accessKey: "ak", secretKey: "sk" }, () => now);
    const first = auth.authorization();
    now += 2000;
    auth.invalidate();
    expect(auth.authorization()).not.toBe(first);
    expect(auth.canResign).toBe(true);
  });

  it("sends a single API key as it is, with nothing to re-sign", () => {
    const auth = new KlingAuth({ apiKey: "key-123" });
    expect(auth.authorization()).toBe("Bearer key-123");
    expect(auth.canResign).toBe(false);
  });
});

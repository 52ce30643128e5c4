import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { klingJwt } from "@/tests/support/kling-client";
import { parseAuthorization, type TokenCheck } from "./jwt";

const NOW = 1_800_000_000;
const SECRET = "sk_secret";

function check(header: string | null, secret = SECRET, now = NOW): TokenCheck | { code: number } {
  const credential = parseAuthorization(header);
  if (credential.kind === "error") return { code: credential.code };
  return credential.kind === "jwt" ? credential.verify(secret, now) : credential.verify(secret);
}

describe("Kling-style Authorization", () => {
  it("accepts a Kling JWT and the plain access.secret pair, naming the access key", () => {
    const token = klingJwt("ak_1", SECRET, {}, NOW);
    expect(parseAuthorization(`Bearer ${token}`)).toMatchObject({ kind: "jwt", accessKey: "ak_1" });
    expect(check(`Bearer ${token}`)).toEqual({ ok: true });
    expect(parseAuthorization(`Bearer ak_1.${SECRET}`)).toMatchObject({ kind: "pair", accessKey: "ak_1" });
    expect(check(`Bearer ak_1.${SECRET}`)).toEqual({ ok: true });
  });

  it("gives Kling's codes: empty 1001, malformed 1002, bad signature 1000, nbf 1003, expired 1004", () => {
    expect(check(null)).toEqual({ code: 1001 });
    expect(check("")).toEqual({ code: 1001 });
    expect(check("Basic abc")).toEqual({ code: 1002 });
    expect(check("Bearer  two-spaces")).toEqual({ code: 1002 });
    expect(check("Bearer a.b.c.d")).toEqual({ code: 1002 });
    expect(check("Bearer not.json.token")).toEqual({ code: 1002 });
    expect(check(`Bearer ${klingJwt("ak_1", SECRET, {}, NOW)}`, "sk_other")).toMatchObject({ ok: false, code: 1000 });
    expect(check(`Bearer ak_1.wrong`)).toMatchObject({ ok: false, code: 1000 });
    expect(check(`Bearer ${klingJwt("ak_1", SECRET, { nbf: NOW + 60 }, NOW)}`)).toMatchObject({ ok: false, code: 1003 });
    expect(check(`Bearer ${klingJwt("ak_1", SECRET, { exp: NOW - 60 }, NOW)}`)).toMatchObject({ ok: false, code: 1004 });
    expect(check(`Bearer ${klingJwt("ak_1", SECRET, { exp: "soon" }, NOW)}`)).toMatchObject({ ok: false, code: 1004 });
    expect(check(`Bearer ${klingJwt("", SECRET, {}, NOW)}`)).toEqual({ code: 1002 });
  });

  it("refuses tokens valid for more than 24 hours, or with no usable exp, with 1004 naming the limit", () => {
    expect(check(`Bearer ${klingJwt("ak_1", SECRET, { exp: NOW + 24 * 3600 }, NOW)}`)).toEqual({ ok: true });
    const signed = (payload: string) => {
      const head = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
      const body = Buffer.from(payload).toString("base64url");
      return `Bearer ${head}.${body}.${createHmac("sha256", SECRET).update(`${head}.${body}`).digest("base64url")}`;
    };
    for (const exp of ["1800086411", "1e12", "1e999", '"soon"', "null", "[1]"]) {
      expect(check(signed(`{"iss":"ak_1","exp":${exp}}`)), exp).toEqual({ ok: false, code: 1004, message: expect.stringMatching(/at most 24 hours from now/) });
    }
    expect(check(signed('{"iss":"ak_1"}'))).toMatchObject({ ok: false, code: 1004 });
    // A forged long-lived token still reads as a forgery.
    expect(check(`Bearer ${klingJwt("ak_1", "sk_forged", { exp: NOW + 1e9 }, NOW)}`)).toMatchObject({ code: 1000 });
  });

  it("refuses an iss with control characters before any lookup", () => {
    expect(check(`Bearer ${klingJwt("ak_\u0000x", SECRET, {}, NOW)}`)).toEqual({ code: 1002 });
    expect(check(`Bearer ${klingJwt("a".repeat(201), SECRET, {}, NOW)}`)).toEqual({ code: 1002 });
  });

  it("tolerates a few seconds of clock skew, not more", () => {
    expect(check(`Bearer ${klingJwt("ak_1", SECRET, { nbf: NOW + 8 }, NOW)}`)).toEqual({ ok: true });
    expect(check(`Bearer ${klingJwt("ak_1", SECRET, { exp: NOW - 8 }, NOW)}`)).toEqual({ ok: true });
    expect(check(`Bearer ${klingJwt("ak_1", SECRET, { exp: NOW - 11 }, NOW)}`)).toMatchObject({ code: 1004 });
  });

  it("refuses alg none and other algorithms, and checks the signature before the times", () => {
    const payload = Buffer.from(JSON.stringify({ iss: "ak_1", exp: NOW + 60 })).toString("base64url");
    const none = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    expect(check(`Bearer ${none}.${payload}.`)).toEqual({ code: 1002 });
    const hs512 = Buffer.from(JSON.stringify({ alg: "HS512" })).toString("base64url");
    const sig = createHmac("sha512", SECRET).update(`${hs512}.${payload}`).digest("base64url");
    expect(check(`Bearer ${hs512}.${payload}.${sig}`)).toEqual({ code: 1002 });
    // Expired and forged: the forgery is what is reported.
    expect(check(`Bearer ${klingJwt("ak_1", "sk_forged", { exp: NOW - 600 }, NOW)}`)).toMatchObject({ code: 1000 });
  });
});

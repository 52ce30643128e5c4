import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localServer } from "@/tests/support/http-server";
import { providerVerifiedEmail } from "./oauth-email";

// A local stand-in for GitHub's GET /user/emails, answering per access token.
const EMAILS: Record<string, unknown> = {
  "token good": [
    { email: "other@example.test", primary: false, verified: true },
    { email: "Ada@Example.test", primary: true, verified: true },
  ],
  "token unverified": [{ email: "ada@example.test", primary: true, verified: false }],
  "token secondary": [
    { email: "main@example.test", primary: true, verified: true },
    { email: "ada@example.test", primary: false, verified: true },
  ],
  "token junk": { message: "not a list" },
};
let github: Awaited<ReturnType<typeof localServer>>;
beforeAll(async () => {
  github = await localServer((req) => {
    const body = req.url === "/user/emails" ? EMAILS[String(req.headers.authorization)] : undefined;
    return body ? { status: 200, body: JSON.stringify(body), headers: { "content-type": "application/json" } } : { status: 401, body: "{}" };
  });
});
afterAll(() => github.close());

const gh = (token: string | undefined, email: string | null = "ada@example.test") => providerVerifiedEmail("github", email, undefined, token, github.url);

describe("provider-verified email", () => {
  it("GitHub: only the primary address, marked verified", async () => {
    expect(await gh("good")).toBe(true);
    expect(await gh("unverified")).toBe(false);
    expect(await gh("secondary")).toBe(false);
    expect(await gh("junk")).toBe(false);
    expect(await gh("revoked")).toBe(false);
    expect(await gh(undefined)).toBe(false);
    expect(await gh("good", null)).toBe(false);
  });

  it("Google: email_verified for that same address", async () => {
    expect(await providerVerifiedEmail("google", "ada@example.test", { email: "ada@example.test", email_verified: true }, undefined)).toBe(true);
    expect(await providerVerifiedEmail("google", "ada@example.test", { email: "ada@example.test", email_verified: false }, undefined)).toBe(false);
    expect(await providerVerifiedEmail("google", "ada@example.test", { email: "ada@example.test", email_verified: "true" }, undefined)).toBe(false);
    expect(await providerVerifiedEmail("google", "ada@example.test", { email: "eve@example.test", email_verified: true }, undefined)).toBe(false);
    expect(await providerVerifiedEmail("google", "ada@example.test", undefined, undefined)).toBe(false);
  });

  it("any other provider is unverified", async () => {
    expect(await providerVerifiedEmail("gitlab", "ada@example.test", { email_verified: true }, "good")).toBe(false);
  });
});

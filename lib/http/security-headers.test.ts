import { describe, expect, it } from "vitest";
import { pageContentSecurityPolicy, servedOverHttps } from "./security-headers";

describe("security headers", () => {
  it("allow page scripts only by this response's nonce, and forbid framing", () => {
    const policy = pageContentSecurityPolicy({ nonce: "abc123", dev: false, https: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("media-src 'self' blob:");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("let React's development build evaluate code, and upgrade requests over https", () => {
    expect(pageContentSecurityPolicy({ nonce: "n", dev: true, https: false })).toContain("'strict-dynamic' 'unsafe-eval'");
    expect(pageContentSecurityPolicy({ nonce: "n", dev: false, https: true })).toContain("upgrade-insecure-requests");
  });

  it("take https from the public URL", () => {
    expect(servedOverHttps({ NEXTAUTH_URL: "https://reels.example.com" })).toBe(true);
    expect(servedOverHttps({ NEXTAUTH_URL: "http://localhost:3000" })).toBe(false);
    expect(servedOverHttps({})).toBe(false);
  });
});

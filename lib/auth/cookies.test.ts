import { afterEach, describe, expect, it, vi } from "vitest";
import { isProtectedPath, safeCallbackPath, secureCookiesEnabled } from "./cookies";

afterEach(() => vi.unstubAllEnvs());

describe("callback paths after sign-in", () => {
  it.each(["/gallery", "/studio?tab=i2v", "/account/keys"])("follows the same-site path %s", (path) => {
    expect(safeCallbackPath(path)).toBe(path);
  });

  it("normalises a same-site path as the browser would", () => {
    expect(safeCallbackPath("/gallery/../account?x=1#top")).toBe("/account?x=1#top");
    expect(safeCallbackPath("/%09/evil.example")).toBe("/%09/evil.example");
  });

  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\t\t//evil.example",
    "/\u0000/studio",
    "/\u0085x",
    "/.//evil.example",
    "\t/studio",
    "javascript:alert(1)",
    "",
    ["/gallery", "/account"],
    null,
    undefined,
  ])(
    "never follows %j off the site",
    (raw) => {
      expect(safeCallbackPath(raw)).toBe("/studio");
    },
  );
});

describe("protected pages", () => {
  it("covers the app pages and nothing else", () => {
    expect(["/studio", "/gallery/abc", "/account", "/billing/test-checkout/x"].every(isProtectedPath)).toBe(true);
    expect(isProtectedPath("/pricing")).toBe(false);
    expect(["/", "/signin", "/signup", "/studios", "/api/health"].some(isProtectedPath)).toBe(false);
  });
});

describe("secure cookies", () => {
  it("are on behind HTTPS and off on plain HTTP", () => {
    vi.stubEnv("AUTH_SECURE_COOKIES", "");
    vi.stubEnv("NEXTAUTH_URL", "https://reels.example.com");
    expect(secureCookiesEnabled()).toBe(true);
    vi.stubEnv("NEXTAUTH_URL", "http://192.168.1.20:3000");
    expect(secureCookiesEnabled()).toBe(false);
  });

  it("can be forced either way", () => {
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
    vi.stubEnv("AUTH_SECURE_COOKIES", "true");
    expect(secureCookiesEnabled()).toBe(true);
    vi.stubEnv("NEXTAUTH_URL", "https://reels.example.com");
    vi.stubEnv("AUTH_SECURE_COOKIES", "false");
    expect(secureCookiesEnabled()).toBe(false);
  });
});

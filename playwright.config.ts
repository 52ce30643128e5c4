import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { ADMIN_E2E_EMAILS } from "./tests/support/e2e-admins";
import { CEILING } from "./tests/support/ceilings";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

// e2e creates and deletes data freely: it only ever runs against a local database.
if (process.env.DATABASE_URL && !/@(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(process.env.DATABASE_URL)) {
  throw new Error("Refusing to run e2e against a DATABASE_URL that is not on this machine.");
}

// Playwright's own browser download is unavailable here: use a system Chromium when there is
// one (Debian's `chromium`), else whatever `npx playwright install chromium` provided.
const systemChromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p): p is string => Boolean(p && existsSync(p)),
);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [["list"]],
  // A journey waits on states and events, each bounded by a shared ceiling; this bounds the journey.
  timeout: CEILING.suite,
  expect: { timeout: CEILING.state },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // The production build (npm run test:e2e builds it first) on its own fresh database.
    command: `node node_modules/tsx/dist/cli.mjs scripts/serve.ts start -p ${PORT} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    timeout: CEILING.render,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      EMBEDDED_PG_DATABASE: "reelsmith_e2e",
      EMBEDDED_PG_RESET: "1",
      NEXTAUTH_URL: baseURL,
      // Every test signs up and in from 127.0.0.1; the per-address limits are for real networks.
      SIGNIN_LIMIT_PER_IP: "100000",
      SIGNUP_LIMIT_PER_IP: "100000",
      NEXT_TELEMETRY_DISABLED: "1",
      // The real queue, engine, ffmpeg and files, at a small size and frame rate: journeys never wait on
      // full-size encodes (those are measured in the integration suite).
      LOCAL_RENDER_QUALITY: "preview",
      // The offline test checkout, asked for explicitly: a production start refuses it otherwise.
      BILLING_MODE: "test",
      // Parallel test workers each generate videos: two renders at a time keep the queue short.
      WORKER_CONCURRENCY: "2",
      // The public API e2e serves images and receives callbacks on 127.0.0.1.
      API_ALLOW_PRIVATE_URLS: "1",
      // The admin console's journeys (e2e/admin.spec.ts) sign up these addresses; no other account is an admin.
      ADMIN_EMAILS: ADMIN_E2E_EMAILS.join(","),
    },
  },
});

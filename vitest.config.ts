import path from "node:path";
import { defineConfig } from "vitest/config";
import { TEST_WORKERS } from "./tests/support/workers.ts";

const roots = ["lib", "app", "components", "scripts", "tests"];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next.js enforces "server-only" at build time; under vitest every module is server code.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    pool: "forks",
    // Integration files mostly wait on PostgreSQL and ffmpeg; each worker has its own database.
    maxWorkers: TEST_WORKERS,
    setupFiles: ["tests/support/setup-secrets.ts"],
    projects: [
      {
        // Pure functions: no database, no ffmpeg, no servers (`npm run test:unit`).
        extends: true,
        test: {
          name: "unit",
          include: roots.map((root) => `${root}/**/*.test.ts`),
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
          testTimeout: 10_000,
        },
      },
      {
        // Against the real PostgreSQL, pg-boss, ffmpeg and local fakes of remote services (`npm run test:int`).
        extends: true,
        test: {
          name: "int",
          include: roots.map((root) => `${root}/**/*.int.test.ts`),
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/setup-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadOrCreateSecret } from "./secrets";

let dir: string;
beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(tmpdir(), "reelsmith-secrets-")), "data");
  vi.stubEnv("REELSMITH_DATA_DIR", dir);
});
afterEach(() => vi.unstubAllEnvs());

describe("generated secrets", () => {
  it("are created once, kept private, and read back on later starts", () => {
    const first = loadOrCreateSecret("nextauth-secret");
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loadOrCreateSecret("nextauth-secret")).toBe(first);
    const file = path.join(dir, "secrets", "nextauth-secret");
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(statSync(dir).mode & 0o005).toBe(0o005);
  });

  it("differ by name", () => {
    expect(loadOrCreateSecret("a")).not.toBe(loadOrCreateSecret("b"));
  });
});

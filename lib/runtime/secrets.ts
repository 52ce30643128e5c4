import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "./paths";

/**
 * Reads a secret kept under data/secrets/, creating it once with fresh random bytes,
 * so a fresh machine needs no configuration and later starts keep sessions valid.
 */
export function loadOrCreateSecret(name: string, bytes = 32): string {
  const dir = path.join(dataDir(), "secrets");
  const file = path.join(dir, name);
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  // data/ itself stays traversable: the embedded PostgreSQL runs as another user inside it.
  mkdirSync(dataDir(), { recursive: true, mode: 0o755 });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const value = randomBytes(bytes).toString("base64url");
  try {
    // "wx": if another process created it meanwhile, keep theirs.
    writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
    return value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw error;
  }
}

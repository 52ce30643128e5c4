import path from "node:path";

/** Root of everything Reelsmith writes on a laptop install (git-ignored). */
export function dataDir(): string {
  return path.resolve(process.env.REELSMITH_DATA_DIR ?? "data");
}

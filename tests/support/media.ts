import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";

/** Points the local storage driver at a fresh folder for this test file; returns that folder. */
export function tempMediaDirPerFile(): () => string {
  let root = "";
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "reelsmith-media-"));
    vi.stubEnv("STORAGE_DRIVER", "local");
    vi.stubEnv("MEDIA_DIR", root);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await rm(root, { recursive: true, force: true });
  });
  return () => root;
}

/** Every file under the user's media folder, as paths relative to the media root. */
export async function userMediaFiles(root: string, userId: string): Promise<string[]> {
  const entries = await readdir(path.join(root, "u", userId), { recursive: true, withFileTypes: true }).catch((error) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "../../../runtime/paths";
import { grayPam, pam } from "../../ffmpeg/pam";
import { EngineError } from "../../types";
import { backgroundPatch, coverage, subjectBox, type Box } from "./fill";
import { MATTING_MODEL, matteImage } from "./matte";

/**
 * Cut-outs are derived assets: computed once per image content (and model) and kept in a cache
 * folder, shared by every worker process using the same data folder. Each entry is a folder written
 * whole and renamed into place; a lock file makes one process compute it while the others wait.
 */

/** A cached matte: the files the renderer reads, and what the graph needs to know about them. */
export type Subject = {
  /** The matte (grey PAM, 0–255) at `width`×`height`, the image's aspect. */
  mattePath: string;
  /** The background patch (RGBA PAM, same size): the subject's hole, filled. */
  patchPath: string;
  width: number;
  height: number;
  /** The share of the picture that is subject, 0–1. */
  coverage: number;
  /** The subject's extent in matte pixels; null when the model found none. */
  box: Box | null;
};

const META = "meta.json";
/** How long a process waits on another's computation before giving up (matting takes seconds). */
const WAIT_CEILING_MS = 5 * 60_000;
const POLL_MS = 100;

/** MATTE_CACHE_DIR, else `cache/mattes` in the data folder. */
export function matteCacheDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.MATTE_CACHE_DIR?.trim() || path.join(dataDir(), "cache", "mattes"));
}

async function contentHash(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function readEntry(dir: string): Promise<Subject | null> {
  const text = await readFile(path.join(dir, META), "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (text === null) return null;
  const meta = JSON.parse(text) as Omit<Subject, "mattePath" | "patchPath">;
  return { ...meta, mattePath: path.join(dir, "matte.pam"), patchPath: path.join(dir, "patch.pam") };
}

async function compute(imagePath: string, dir: string): Promise<Subject> {
  const { width, height, rgba, matte } = await matteImage(imagePath).catch((error: unknown) => {
    if (error instanceof EngineError) throw error;
    throw new EngineError("The local engine could not cut out the subject of an image.", false, "engine_failed", String(error));
  });
  const tmp = `${dir}.tmp-${randomUUID()}`;
  await mkdir(tmp, { recursive: true });
  try {
    await writeFile(path.join(tmp, "matte.pam"), grayPam(width, height, matte));
    await writeFile(path.join(tmp, "patch.pam"), pam({ width, height, rgba: backgroundPatch(rgba, matte, width, height) }));
    const meta = { model: MATTING_MODEL, width, height, coverage: coverage(matte), box: subjectBox(matte, width, height) };
    await writeFile(path.join(tmp, META), JSON.stringify(meta));
    await rename(tmp, dir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return (await readEntry(dir))!;
}

/** A lock left by a process that is gone (or by this one before a restart) is stale. */
async function staleLock(lock: string): Promise<boolean> {
  const text = await readFile(lock, "utf8").catch(() => null);
  if (text === null) return false;
  const pid = Number(text);
  if (!Number.isInteger(pid) || pid <= 0) {
    // Written but not yet filled in: only stale if it has stayed that way.
    const info = await stat(lock).catch(() => null);
    return info !== null && Date.now() - info.mtimeMs > WAIT_CEILING_MS;
  }
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** The entry for `key`, computing it under the lock when no process has yet. */
async function entry(root: string, key: string, imagePath: string): Promise<{ subject: Subject; computed: boolean }> {
  const dir = path.join(root, key);
  const lock = `${dir}.lock`;
  await mkdir(root, { recursive: true });
  const deadline = Date.now() + WAIT_CEILING_MS;
  for (;;) {
    const cached = await readEntry(dir);
    if (cached) return { subject: cached, computed: false };
    const handle = await open(lock, "wx").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "EEXIST") return null;
      throw error;
    });
    if (handle) {
      try {
        await handle.writeFile(String(process.pid));
        await handle.close();
        // Another process may have finished between the read above and taking the lock.
        const done = await readEntry(dir);
        return done ? { subject: done, computed: false } : { subject: await compute(imagePath, dir), computed: true };
      } finally {
        await rm(lock, { force: true });
      }
    }
    if (await staleLock(lock)) {
      await rm(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new EngineError("Timed out waiting for another worker to cut out the subject.", true);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const inFlight = new Map<string, Promise<Subject>>();

/**
 * The subject of the image at `imagePath`, from the cache or computed now (seconds: call it from the
 * worker only). Concurrent calls for the same content compute it once, in this process and across
 * processes sharing `root`; `computed` says whether this call did.
 */
export async function cachedSubject(imagePath: string, root = matteCacheDir()): Promise<Subject & { computed: boolean }> {
  const key = `${await contentHash(imagePath)}-${MATTING_MODEL}`;
  const running = inFlight.get(`${root}\0${key}`);
  if (running) return { ...(await running), computed: false };
  const work = entry(root, key, imagePath);
  const shared = work.then((result) => result.subject);
  shared.catch(() => {}); // the caller of `work` gets the failure
  inFlight.set(`${root}\0${key}`, shared);
  try {
    const { subject, computed } = await work;
    return { ...subject, computed };
  } finally {
    inFlight.delete(`${root}\0${key}`);
  }
}

/** Whether the matte separates a subject worth its own layer (not nothing, not the whole picture). */
export function hasSubject(subject: Subject): subject is Subject & { box: Box } {
  return subject.box !== null && subject.coverage >= 0.005 && subject.coverage <= 0.85;
}

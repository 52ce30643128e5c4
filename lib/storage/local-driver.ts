import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertValidKey } from "./keys";
import { ObjectNotFoundError, type StorageDriver } from "./types";

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

/** Objects as files under one folder (default data/media), written atomically. */
export class LocalDriver implements StorageDriver {
  readonly id = "local";

  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split("/"));
  }

  /** Writes beside the target and renames, so readers never see a half-written file. */
  private async writeAtomically(key: string, write: (tempPath: string) => Promise<void>): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.tmp`;
    try {
      await write(temp);
      await fs.rename(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }

  putFile(key: string, filePath: string): Promise<void> {
    return this.writeAtomically(key, (temp) => fs.copyFile(filePath, temp));
  }

  putBuffer(key: string, body: Buffer): Promise<void> {
    return this.writeAtomically(key, (temp) => fs.writeFile(temp, body));
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable> {
    // Opening first turns a missing file into a rejection here rather than a stream error later.
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.pathOf(key), "r");
    } catch (error) {
      if (isMissing(error)) throw new ObjectNotFoundError(key);
      throw error;
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await fs.stat(this.pathOf(key))).size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async download(key: string, filePath: string): Promise<void> {
    await pipeline(await this.read(key), createWriteStream(filePath));
  }

  async presignedUrl(): Promise<null> {
    return null;
  }
}

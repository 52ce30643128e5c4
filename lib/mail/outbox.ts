import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "../runtime/paths";

export function outboxDir(): string {
  return path.join(dataDir(), "mail");
}

/** Keeps a message as an .eml file (openable in any mail client) and returns its path. */
export async function saveToOutbox(message: Buffer, to: string): Promise<string> {
  const dir = outboxDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const who = to.replace(/[^a-zA-Z0-9@._-]/g, "_").slice(0, 80);
  const file = path.join(dir, `${stamp}-${randomBytes(4).toString("hex")}-${who}.eml`);
  // Written aside and renamed, so a reader of the folder never sees half a message.
  await writeFile(`${file}.part`, message, { mode: 0o600 });
  await rename(`${file}.part`, file);
  return file;
}

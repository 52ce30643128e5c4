import path from "node:path";
import { dataDir } from "../runtime/paths";
import { LocalDriver } from "./local-driver";
import { S3Driver } from "./s3-driver";
import type { StorageDriver } from "./types";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set. STORAGE_DRIVER=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY.`);
  return value;
}

/**
 * The configured storage: STORAGE_DRIVER=local (default; MEDIA_DIR, else data/media) or s3.
 * Built on each call from the environment; drivers hold no connections, so this costs nothing.
 */
export function storage(): StorageDriver {
  const driver = process.env.STORAGE_DRIVER || "local";
  if (driver === "local") return new LocalDriver(path.resolve(process.env.MEDIA_DIR || path.join(dataDir(), "media")));
  if (driver === "s3") {
    return new S3Driver({
      endpoint: required("S3_ENDPOINT"),
      region: process.env.S3_REGION || "us-east-1",
      bucket: required("S3_BUCKET"),
      accessKeyId: required("S3_ACCESS_KEY_ID"),
      secretAccessKey: required("S3_SECRET_ACCESS_KEY"),
    });
  }
  throw new Error(`STORAGE_DRIVER is "${driver}"; use "local" or "s3".`);
}

import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { storage } from "./index";
import { LocalDriver } from "./local-driver";

const s3Env = { STORAGE_DRIVER: "s3", S3_ENDPOINT: "http://127.0.0.1:9000", S3_BUCKET: "media", S3_ACCESS_KEY_ID: "key", S3_SECRET_ACCESS_KEY: "secret" };

function setEnv(values: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
}

describe("storage()", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("defaults to the local folder data/media, or MEDIA_DIR", () => {
    setEnv({ STORAGE_DRIVER: undefined, MEDIA_DIR: undefined, REELSMITH_DATA_DIR: "/srv/reelsmith" });
    expect(storage()).toEqual(new LocalDriver(path.resolve("/srv/reelsmith/media")));
    setEnv({ MEDIA_DIR: "/mnt/media" });
    expect(storage()).toEqual(new LocalDriver("/mnt/media"));
  });

  it("builds the S3 driver from S3_* settings", () => {
    setEnv(s3Env);
    expect(storage().id).toBe("s3");
  });

  it.each(["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"])("names %s when it is missing", (name) => {
    setEnv({ ...s3Env, [name]: "" });
    expect(() => storage()).toThrow(new RegExp(`^${name} is not set`));
  });

  it("refuses an unknown driver", () => {
    setEnv({ STORAGE_DRIVER: "ftp" });
    expect(() => storage()).toThrow(`STORAGE_DRIVER is "ftp"; use "local" or "s3".`);
  });
});

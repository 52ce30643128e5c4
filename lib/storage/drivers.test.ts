import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server } from "@/tests/support/s3-server";
import { LocalDriver } from "./local-driver";
import { S3Driver } from "./s3-driver";
import { ObjectNotFoundError, type StorageDriver } from "./types";

const bytesOf = async (stream: Readable) => Buffer.concat(await stream.toArray());

type Harness = { driver: StorageDriver; scratch: string; stop(): Promise<void> };

/** The behaviour every driver must share; run once per driver. */
function driverContract(name: string, start: (scratch: string) => Promise<Omit<Harness, "scratch">>) {
  describe(`${name} storage driver`, () => {
    let h: Harness;
    const content = randomBytes(300_000);

    beforeAll(async () => {
      const scratch = await mkdtemp(path.join(tmpdir(), "reelsmith-driver-"));
      h = { ...(await start(scratch)), scratch };
    });
    afterAll(async () => {
      await h.stop();
      await rm(h.scratch, { recursive: true, force: true });
    });

    it("stores a buffer and reads it back whole, with its size", async () => {
      await h.driver.putBuffer("u/alice/a1.png", content, "image/png");
      expect(await h.driver.size("u/alice/a1.png")).toBe(content.length);
      expect((await bytesOf(await h.driver.read("u/alice/a1.png"))).equals(content)).toBe(true);
    });

    it.each([
      ["the first bytes", 0, 9],
      ["a middle stretch", 100_000, 199_999],
      ["the last byte", 299_999, 299_999],
    ])("reads an inclusive range: %s", async (_, start, end) => {
      await h.driver.putBuffer("u/alice/range.bin", content, "application/octet-stream");
      const part = await bytesOf(await h.driver.read("u/alice/range.bin", { start, end }));
      expect(part.equals(content.subarray(start, end + 1))).toBe(true);
    });

    it("stores a file, replaces an object on a second put, and downloads it to a local file", async () => {
      const source = path.join(h.scratch, "video.mp4");
      await writeFile(source, content);
      await h.driver.putBuffer("u/alice/v1.mp4", Buffer.from("old"), "video/mp4");
      await h.driver.putFile("u/alice/v1.mp4", source, "video/mp4");
      const copy = path.join(h.scratch, "copy.mp4");
      await h.driver.download("u/alice/v1.mp4", copy);
      expect((await readFile(copy)).equals(content)).toBe(true);
    });

    it("reports a missing key: size null, read and download rejected", async () => {
      expect(await h.driver.size("u/alice/missing.png")).toBeNull();
      await expect(h.driver.read("u/alice/missing.png")).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(h.driver.download("u/alice/missing.png", path.join(h.scratch, "nothing"))).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it("deletes, and deleting again is fine", async () => {
      await h.driver.putBuffer("u/alice/gone.png", content, "image/png");
      await h.driver.delete("u/alice/gone.png");
      expect(await h.driver.size("u/alice/gone.png")).toBeNull();
      await expect(h.driver.delete("u/alice/gone.png")).resolves.toBeUndefined();
    });

    it.each(["../escape.png", "/etc/passwd", "u//a.png", "u/./a.png", "u/../../a.png", "u\\a.png", ""])(
      "refuses the key %j",
      async (key) => {
        await expect(h.driver.putBuffer(key, content, "image/png")).rejects.toThrow(/Invalid storage key/);
        await expect(h.driver.read(key)).rejects.toThrow(/Invalid storage key/);
      },
    );

    it("gives a presigned URL where the backend has them (S3), else null", async () => {
      await h.driver.putBuffer("u/alice/clip.mp4", content, "video/mp4");
      const url = await h.driver.presignedUrl("u/alice/clip.mp4", 60, "my clip.mp4");
      if (h.driver.id === "local") return expect(url).toBeNull();
      const response = await fetch(url!);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="my clip.mp4"; filename*=UTF-8''my%20clip.mp4`);
      expect(Buffer.from(await response.arrayBuffer()).equals(content)).toBe(true);
    });
  });
}

driverContract("local", async (scratch) => ({ driver: new LocalDriver(path.join(scratch, "media")), stop: async () => {} }));

driverContract("S3", async () => {
  const server = await startS3Server();
  return { driver: new S3Driver(server.config), stop: server.stop };
});

describe("local driver specifics", () => {
  it("writes atomically: no temporary files remain, and a failed write leaves nothing", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "reelsmith-local-"));
    const driver: StorageDriver = new LocalDriver(root);
    await driver.putBuffer("u/bob/a.png", Buffer.from("png"), "image/png");
    await expect(driver.putFile("u/bob/b.mp4", path.join(root, "no-such-source.mp4"), "video/mp4")).rejects.toThrow(/ENOENT/);
    expect(await readdir(path.join(root, "u", "bob"))).toEqual(["a.png"]);
    await rm(root, { recursive: true, force: true });
  });
});

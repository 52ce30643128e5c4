import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { encodeImage, pngHeader } from "@/tests/support/images";
import { tempMediaDirPerFile, userMediaFiles } from "@/tests/support/media";
import { createTestUser } from "@/tests/support/users";
import { assetForUser, deleteAsset, storeFileAsset, storeUploadedImage } from "./assets";
import { ImageRejectedError } from "./validate-image";

const mediaRoot = tempMediaDirPerFile();
const jpeg = encodeImage("jpg", 640, 360);

describe("assets", () => {
  it("stores a validated upload as the user's asset, the file under a key made from its id", async () => {
    const user = await createTestUser();
    const { asset, created } = await storeUploadedImage(user.id, jpeg);
    expect(created).toBe(true);
    expect(asset).toMatchObject({ userId: user.id, kind: "image", mime: "image/jpeg", size: jpeg.length, width: 640, height: 360 });
    expect(asset.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(asset.storageKey).toBe(`u/${user.id}/${asset.id}.jpg`);
    expect((await readFile(path.join(mediaRoot(), asset.storageKey))).equals(jpeg)).toBe(true);
  });

  it("returns the existing asset for the same bytes from the same user, writing nothing twice", async () => {
    const [alice, bob] = [await createTestUser(), await createTestUser()];
    const first = await storeUploadedImage(alice.id, jpeg);
    const again = await storeUploadedImage(alice.id, Buffer.from(jpeg));
    expect(again).toEqual({ asset: first.asset, created: false });
    expect(await userMediaFiles(mediaRoot(), alice.id)).toHaveLength(1);

    const bobs = await storeUploadedImage(bob.id, jpeg);
    expect(bobs.created).toBe(true);
    expect(bobs.asset.id).not.toBe(first.asset.id);
  });

  it("ends concurrent identical uploads with one row and one file", async () => {
    const user = await createTestUser();
    const results = await Promise.all(Array.from({ length: 8 }, () => storeUploadedImage(user.id, jpeg)));
    expect(new Set(results.map((r) => r.asset.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db().asset.count({ where: { userId: user.id } })).toBe(1);
    expect(await userMediaFiles(mediaRoot(), user.id)).toEqual([results[0]!.asset.storageKey]);
  });

  it("leaves no row and no file when an upload is refused", async () => {
    const user = await createTestUser();
    await expect(storeUploadedImage(user.id, pngHeader(100_000, 100_000))).rejects.toBeInstanceOf(ImageRejectedError);
    expect(await db().asset.count({ where: { userId: user.id } })).toBe(0);
    expect(await userMediaFiles(mediaRoot(), user.id)).toEqual([]);
  });

  it("stores a worker's output file with its metadata, once", async () => {
    const user = await createTestUser();
    const file = path.join(mediaRoot(), "render.mp4");
    const bytes = Buffer.from("not really a video, but bytes all the same");
    await writeFile(file, bytes);
    const video = await storeFileAsset(user.id, "video", file, { mime: "video/mp4", width: 1280, height: 720, durationMs: 5000 });
    expect(video).toMatchObject({ kind: "video", mime: "video/mp4", size: bytes.length, width: 1280, height: 720, durationMs: 5000, sourceId: null });
    expect(video.storageKey).toBe(`u/${user.id}/${video.id}.mp4`);
    expect(await storeFileAsset(user.id, "video", file, { mime: "video/mp4" })).toEqual(video);

    const variant = await storeFileAsset(user.id, "watermarked_video", file, { mime: "video/mp4", sourceId: video.id });
    expect(variant).toMatchObject({ kind: "watermarked_video", sourceId: video.id });
    expect(await userMediaFiles(mediaRoot(), user.id)).toHaveLength(2);
  });

  it("finds an asset only for its owner", async () => {
    const [alice, bob] = [await createTestUser(), await createTestUser()];
    const { asset } = await storeUploadedImage(alice.id, jpeg);
    expect(await assetForUser(alice.id, asset.id)).toEqual(asset);
    expect(await assetForUser(bob.id, asset.id)).toBeNull();
    expect(await assetForUser(alice.id, "no-such-id")).toBeNull();
  });

  it("deletes an asset with its variants and their files, only for its owner", async () => {
    const [alice, bob] = [await createTestUser(), await createTestUser()];
    const file = path.join(mediaRoot(), "clip.mp4");
    await writeFile(file, Buffer.from("clip bytes"));
    const video = await storeFileAsset(alice.id, "video", file, { mime: "video/mp4" });
    await storeFileAsset(alice.id, "watermarked_video", file, { mime: "video/mp4", sourceId: video.id });

    expect(await deleteAsset(bob.id, video.id)).toBe(false);
    expect(await userMediaFiles(mediaRoot(), alice.id)).toHaveLength(2);

    expect(await deleteAsset(alice.id, video.id)).toBe(true);
    expect(await db().asset.count({ where: { userId: alice.id } })).toBe(0);
    expect(await userMediaFiles(mediaRoot(), alice.id)).toEqual([]);
    expect(await deleteAsset(alice.id, video.id)).toBe(false);
  });
});

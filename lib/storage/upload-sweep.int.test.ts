import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createGeneration } from "@/tests/support/generations";
import { encodeImage } from "@/tests/support/images";
import { tempMediaDirPerFile, userMediaFiles } from "@/tests/support/media";
import { createTestUser } from "@/tests/support/users";
import { storeUploadedImage } from "./assets";
import { removeUnusedUploads } from "./upload-sweep";
import { UPLOAD_RETENTION_DAYS } from "./uploads";

const mediaRoot = tempMediaDirPerFile();
const DAY = 24 * 3600_000;

/** An upload made `daysAgo` days ago. */
async function uploadedDaysAgo(userId: string, daysAgo: number, width: number) {
  const { asset } = await storeUploadedImage(userId, encodeImage("png", width, 320));
  return db().asset.update({ where: { id: asset.id }, data: { createdAt: new Date(Date.now() - daysAgo * DAY) } });
}

describe("the unused-upload sweep", () => {
  it("removes uploads no generation used once the retention has passed, rows and files; keeps used and recent ones", async () => {
    const user = await createTestUser();
    await uploadedDaysAgo(user.id, UPLOAD_RETENTION_DAYS + 1, 400);
    const usedAsStart = await uploadedDaysAgo(user.id, UPLOAD_RETENTION_DAYS + 1, 410);
    const usedAsEnd = await uploadedDaysAgo(user.id, UPLOAD_RETENTION_DAYS + 1, 420);
    const recent = await uploadedDaysAgo(user.id, UPLOAD_RETENTION_DAYS - 1, 430);
    await createGeneration(user.id, { kind: "image_to_video", startImageId: usedAsStart.id, endImageId: usedAsEnd.id });

    expect(await removeUnusedUploads()).toBeGreaterThanOrEqual(1);
    const left = await db().asset.findMany({ where: { userId: user.id }, select: { id: true, storageKey: true } });
    expect(left.map((a) => a.id).sort()).toEqual([usedAsStart.id, usedAsEnd.id, recent.id].sort());
    expect((await userMediaFiles(mediaRoot(), user.id)).sort()).toEqual(left.map((a) => a.storageKey).sort());
    expect(await removeUnusedUploads()).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { grantCredits } from "@/lib/credits/ledger";
import { db } from "@/lib/db/client";
import { createGeneration, storeTestMedia } from "@/tests/support/generations";
import { tempMediaDirPerFile, userMediaFiles } from "@/tests/support/media";
import { createTestUser } from "@/tests/support/users";
import { deleteGeneration } from "./delete";

const mediaRoot = tempMediaDirPerFile();

async function finishedWithMedia(userId: string, content = "video bytes") {
  const video = await storeTestMedia(userId, "video", content);
  const poster = await storeTestMedia(userId, "poster", `${content} poster`);
  return createGeneration(userId, { outputVideoId: video.id, thumbnailId: poster.id });
}

describe("deleteGeneration", () => {
  it("deletes the generation, its video and poster rows and files", async () => {
    const user = await createTestUser();
    const g = await finishedWithMedia(user.id);
    expect(await userMediaFiles(mediaRoot(), user.id)).toHaveLength(2);

    expect(await deleteGeneration(user.id, g.id)).toEqual({ kind: "deleted" });
    expect(await db().generation.findUnique({ where: { id: g.id } })).toBeNull();
    expect(await db().asset.count({ where: { userId: user.id } })).toBe(0);
    expect(await userMediaFiles(mediaRoot(), user.id)).toEqual([]);
  });

  it("keeps a deduplicated video and poster that another generation still shows", async () => {
    const user = await createTestUser();
    const a = await finishedWithMedia(user.id, "identical render");
    const b = await finishedWithMedia(user.id, "identical render");
    expect(b.outputVideoId).toBe(a.outputVideoId);

    await deleteGeneration(user.id, a.id);
    expect(await db().asset.count({ where: { id: { in: [b.outputVideoId!, b.thumbnailId!] } } })).toBe(2);
    expect(await userMediaFiles(mediaRoot(), user.id)).toHaveLength(2);

    await deleteGeneration(user.id, b.id);
    expect(await userMediaFiles(mediaRoot(), user.id)).toEqual([]);
  });

  it("refuses a queued or running job and changes nothing", async () => {
    const user = await createTestUser();
    for (const status of ["queued", "running"] as const) {
      const g = await createGeneration(user.id, { status });
      expect(await deleteGeneration(user.id, g.id)).toEqual({ kind: "active", status });
      expect(await db().generation.findUnique({ where: { id: g.id } })).not.toBeNull();
    }
  });

  it("treats another user's id as missing and deletes nothing", async () => {
    const [owner, other] = [await createTestUser(), await createTestUser()];
    const g = await finishedWithMedia(owner.id);
    expect(await deleteGeneration(other.id, g.id)).toEqual({ kind: "missing" });
    expect(await db().generation.findUnique({ where: { id: g.id } })).not.toBeNull();
    expect(await userMediaFiles(mediaRoot(), owner.id)).toHaveLength(2);
  });

  it("keeps the credit ledger's history, no longer linked to the generation", async () => {
    const user = await createTestUser();
    const g = await finishedWithMedia(user.id);
    const { grantId } = await grantCredits({ userId: user.id, source: "promo", amount: 10, expiresAt: new Date("2099-01-01"), externalRef: `p-${g.id}` });
    const entry = await db().creditEntry.create({ data: { userId: user.id, grantId: grantId!, amount: -10, reason: "spend", ref: g.batchId, generationId: g.id } });

    await deleteGeneration(user.id, g.id);
    expect(await db().creditEntry.findUnique({ where: { id: entry.id } })).toMatchObject({ amount: -10, generationId: null });
  });
});

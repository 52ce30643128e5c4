import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "@/lib/db/client";
import type { Asset, Prisma } from "@/lib/db/generated/client";
import { storeFileAsset } from "@/lib/storage/assets";

/** A generation row as the worker would leave it, without queueing or rendering anything. */
export function createGeneration(userId: string, data: Partial<Prisma.GenerationUncheckedCreateInput> = {}) {
  return db().generation.create({
    data: {
      userId,
      batchId: randomUUID(),
      kind: "text_to_video",
      status: "succeeded",
      prompt: "a quiet harbour at dawn",
      mode: "standard",
      durationSeconds: 5,
      aspectRatio: "16:9",
      params: {},
      provider: "local",
      cost: 10,
      ...data,
    },
  });
}

/** Stores `content` as one of the user's video or poster assets (identical content deduplicates). */
export async function storeTestMedia(userId: string, kind: "video" | "poster", content: string): Promise<Asset> {
  const file = path.join(tmpdir(), `reelsmith-${randomUUID()}`);
  await writeFile(file, content);
  return storeFileAsset(userId, kind, file, { mime: kind === "video" ? "video/mp4" : "image/jpeg" });
}

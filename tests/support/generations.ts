import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { grantCredits } from "@/lib/credits/ledger";
import { db } from "@/lib/db/client";
import type { Asset, Prisma } from "@/lib/db/generated/client";
import { storage } from "@/lib/storage";
import { storeFileAsset } from "@/lib/storage/assets";
import { CEILING } from "./ceilings";
import { createTestUser } from "./users";
import { until } from "./wait";

const ffprobe = (createRequire(import.meta.url)("@ffprobe-installer/ffprobe") as { path: string }).path;

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

export type Probe = {
  streams: { codec_type: string; codec_name: string; width?: number; height?: number; r_frame_rate: string; pix_fmt?: string; nb_frames?: string }[];
  format: { duration: string; tags?: Record<string, string> };
};

/** ffprobe of a stored video asset (streams, format, counted frames). */
export async function probeAsset(assetId: string): Promise<Probe> {
  const asset = await db().asset.findUniqueOrThrow({ where: { id: assetId } });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "probe-")), "video.mp4");
  await storage().download(asset.storageKey, file);
  return JSON.parse(execFileSync(ffprobe, ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", "-count_frames", file], { encoding: "utf8" })) as Probe;
}

/** A user of the plan holding 2000 credits, shaped as submitGeneration takes it. */
export async function userWithCredits(plan: "free" | "standard") {
  const user = await createTestUser(plan);
  await grantCredits({ userId: user.id, source: "promo", amount: 2000, expiresAt: new Date("2099-01-01"), externalRef: `p-${user.id}` });
  return { id: user.id, email: user.email, name: null, plan } as const;
}

/** Waits until the generation has ended (succeeded, failed or canceled) and returns its row. */
export async function waitForEnd(id: string, ceilingMs: number = CEILING.render) {
  return until(
    `generation ${id} to end`,
    async () => {
      const g = await db().generation.findUniqueOrThrow({ where: { id } });
      return ["succeeded", "failed", "canceled"].includes(g.status) && g;
    },
    ceilingMs,
  );
}

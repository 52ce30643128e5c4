import "server-only";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { allowsCleanDownloads } from "../credits/plan-rules";
import type { PlanId } from "../credits/config";
import { withAdvisoryLock } from "../db/advisory-lock";
import { db } from "../db/client";
import type { Asset } from "../db/generated/client";
import { storage } from "../storage";
import { storeFileAsset } from "../storage/assets";
import { watermarkFile } from "./watermark";

const VARIANT_KIND = { video: "watermarked_video", poster: "watermarked_poster" } as const;

/** How long a request waits for another process's encode of the same copy before giving up. */
const ENCODE_WAIT_MS = 120_000;

type Master = Asset & { kind: "video" | "poster" };

const findVariant = (master: Master) => db().asset.findFirst({ where: { sourceId: master.id, kind: VARIANT_KIND[master.kind] } });

/** Encodes made by this process, by master id: parallel requests share one. */
const encoding = new Map<string, Promise<Asset>>();

/**
 * The watermarked copy of a generated video or poster, made once and kept beside the clean
 * master (which is never altered, so an upgrade serves clean files of old videos at once).
 * Missing, it is made under a per-master database lock: N parallel requests, in any number of
 * processes, make one encode. Throws LockTimeoutError when another encode outlasts the wait.
 */
export async function watermarkedVariant(master: Asset): Promise<Asset> {
  if (master.kind !== "video" && master.kind !== "poster") return master;
  const existing = await findVariant(master as Master);
  if (existing) return existing;
  let pending = encoding.get(master.id);
  if (!pending) {
    // Inside the lock, the copy may already exist: another process made it while this one waited.
    pending = withAdvisoryLock(`watermark:${master.id}`, ENCODE_WAIT_MS, async () => (await findVariant(master as Master)) ?? encode(master as Master)).finally(() =>
      encoding.delete(master.id),
    );
    encoding.set(master.id, pending);
  }
  return pending;
}

async function encode(master: Master): Promise<Asset> {
  const kind = VARIANT_KIND[master.kind];
  const dir = await mkdtemp(path.join(tmpdir(), "reelsmith-mark-"));
  try {
    const ext = master.kind === "video" ? ".mp4" : ".jpg";
    const input = path.join(dir, `master${ext}`);
    const output = path.join(dir, `marked${ext}`);
    await storage().download(master.storageKey, input);
    const size = { width: master.width ?? 1280, height: master.height ?? 720 };
    await watermarkFile(input, output, master.kind === "video" ? "video" : "image", size);
    return await storeFileAsset(master.userId, kind, output, {
      mime: master.mime,
      width: master.width ?? undefined,
      height: master.height ?? undefined,
      durationMs: master.durationMs ?? undefined,
      sourceId: master.id,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What a user on this plan is served for an asset: the clean master on a paid plan, the watermarked copy on free. */
export async function assetToServe(plan: PlanId, asset: Asset): Promise<Asset> {
  if (allowsCleanDownloads(plan) || (asset.kind !== "video" && asset.kind !== "poster")) return asset;
  return watermarkedVariant(asset);
}

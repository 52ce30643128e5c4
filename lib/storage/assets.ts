import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { db } from "../db/client";
import type { Asset, AssetKind } from "../db/generated/client";
import { storage } from "./index";
import { assetKey } from "./keys";
import type { StorageDriver } from "./types";
import { checkImage, type CheckedImage } from "./check-image";

type NewAsset = Pick<Asset, "userId" | "kind" | "mime" | "size" | "checksum" | "width" | "height" | "durationMs" | "sourceId">;
type PutObject = (driver: StorageDriver, key: string) => Promise<void>;

const findDuplicate = ({ userId, kind, checksum }: NewAsset) =>
  db().asset.findUnique({ where: { userId_kind_checksum: { userId, kind, checksum } } });

/**
 * Writes the object under a fresh id's key, then inserts its row unless an identical asset got
 * there first (the unique index decides). A row therefore always has its object, and an object
 * whose row was not inserted is removed again. Null when an identical asset won.
 */
async function insertWithObject(driver: StorageDriver, data: NewAsset, put: PutObject): Promise<Asset | null> {
  const id = randomUUID();
  const storageKey = assetKey(data.userId, id, data.mime);
  await put(driver, storageKey);
  let inserted: Asset | undefined;
  try {
    [inserted] = await db().asset.createManyAndReturn({ data: [{ ...data, id, storageKey }], skipDuplicates: true });
  } finally {
    if (!inserted) await driver.delete(storageKey);
  }
  return inserted ?? null;
}

/** Stores the bytes once per user, kind and checksum: the same bytes again return the existing asset. */
async function storeDeduplicated(data: NewAsset, put: PutObject): Promise<{ asset: Asset; created: boolean }> {
  const driver = storage();
  // A lost race is followed by finding the winner; trying again covers the winner being deleted meanwhile.
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await findDuplicate(data);
    if (existing) return { asset: existing, created: false };
    const inserted = await insertWithObject(driver, data, put);
    if (inserted) return { asset: inserted, created: true };
  }
  throw new Error(`Could not store asset ${data.checksum} for user ${data.userId}: it kept being replaced concurrently`);
}

/** Stores an image that passed checkImage as the user's asset. */
export function storeCheckedImage(userId: string, { bytes, mime, width, height }: CheckedImage): Promise<{ asset: Asset; created: boolean }> {
  const checksum = createHash("sha256").update(bytes).digest("hex");
  return storeDeduplicated(
    { userId, kind: "image", mime, size: bytes.length, checksum, width, height, durationMs: null, sourceId: null },
    (driver, key) => driver.putBuffer(key, bytes, mime),
  );
}

/** Checks an uploaded image by its bytes (throws ImageRejectedError before anything is stored) and stores it. */
export async function storeUploadedImage(userId: string, bytes: Buffer): Promise<{ asset: Asset; created: boolean }> {
  return storeCheckedImage(userId, await checkImage(bytes));
}

async function fileChecksum(filePath: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(filePath), hash);
  return hash.digest("hex");
}

/** Stores a file a worker produced (a video, poster or watermarked variant) as the user's asset. */
export async function storeFileAsset(
  userId: string,
  kind: AssetKind,
  filePath: string,
  meta: { mime: string; width?: number; height?: number; durationMs?: number; sourceId?: string },
): Promise<Asset> {
  const [{ size }, checksum] = await Promise.all([fs.stat(filePath), fileChecksum(filePath)]);
  const { asset } = await storeDeduplicated(
    {
      userId,
      kind,
      mime: meta.mime,
      size,
      checksum,
      width: meta.width ?? null,
      height: meta.height ?? null,
      durationMs: meta.durationMs ?? null,
      sourceId: meta.sourceId ?? null,
    },
    (driver, key) => driver.putFile(key, filePath, meta.mime),
  );
  return asset;
}

/** The asset when it exists and belongs to the user; null otherwise, so other users' ids reveal nothing. */
export function assetForUser(userId: string, assetId: string): Promise<Asset | null> {
  return db().asset.findFirst({ where: { id: assetId, userId } });
}

/** Removes the user's asset, its derived variants and their objects; false when there was nothing to delete. */
export async function deleteAsset(userId: string, assetId: string): Promise<boolean> {
  const asset = await db().asset.findFirst({ where: { id: assetId, userId }, include: { variants: { select: { storageKey: true } } } });
  if (!asset) return false;
  // Rows first (variants follow by cascade): a failure after this leaves an unreferenced object, never a row without one.
  const { count } = await db().asset.deleteMany({ where: { id: asset.id, userId } });
  if (count === 0) return false;
  const driver = storage();
  await Promise.all([asset, ...asset.variants].map(({ storageKey }) => driver.delete(storageKey)));
  return true;
}

/** Where a browser fetches the asset: only ever through the authorising media route. */
function mediaUrl(assetId: string): string {
  return `/api/media/${encodeURIComponent(assetId)}`;
}

/** What API responses say about an asset; storage keys and checksums stay on the server. */
export function assetSummary(asset: Asset) {
  return { id: asset.id, mime: asset.mime, width: asset.width, height: asset.height, size: asset.size, url: mediaUrl(asset.id) };
}

import "server-only";
import type { Asset } from "../db/generated/client";
import type { PublicUser } from "../auth/users";
import { pricingConfig } from "../credits/config";
import { db } from "../db/client";
import { deleteAsset, storeCheckedImage, storeUploadedImage } from "./assets";
import type { CheckedImage } from "./check-image";
import { DomainError } from "../errors/domain";

/** How long an upload no generation uses is kept, in days. */
export const UPLOAD_RETENTION_DAYS = Number(process.env.UPLOAD_RETENTION_DAYS ?? 7) || 7;

/** An upload past the plan's storage quota; the message gives the numbers. */
export class UploadQuotaError extends DomainError<"upload_quota"> {
  constructor(message: string) {
    super("upload_quota", message);
  }
}

const MB = 1_000_000;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1).replace(/\.0$/, "")} MB`;

/** Bytes of the images the user uploaded (generated videos and posters do not count). */
async function uploadedBytes(userId: string): Promise<number> {
  const { _sum } = await db().asset.aggregate({ where: { userId, kind: "image" }, _sum: { size: true } });
  return _sum.size ?? 0;
}

function quotaError(user: PublicUser, used: number, adding: number): UploadQuotaError {
  const plan = pricingConfig().plans[user.plan];
  return new UploadQuotaError(
    `Your uploads use ${mb(used)} of the ${mb(plan.uploadQuotaMb * MB)} of the ${plan.name} plan, and this image is ${mb(adding)}. ` +
      `Delete uploads you no longer need (unused ones are removed after ${UPLOAD_RETENTION_DAYS} days) or choose a larger plan.`,
  );
}

/**
 * Stores an uploaded image within the user's plan quota (throws UploadQuotaError). The check is
 * made before storing and again after: two uploads racing past the first check both count in
 * the second, so the quota holds at rest; the upload that finds itself over it is removed again.
 */
export async function storeUpload(user: PublicUser, upload: Buffer | CheckedImage): Promise<{ asset: Asset; created: boolean }> {
  // An image already checked (an element's pictures, all checked before any is stored) is not decoded again.
  const bytes = Buffer.isBuffer(upload) ? upload : upload.bytes;
  const quota = pricingConfig().plans[user.plan].uploadQuotaMb * MB;
  const before = await uploadedBytes(user.id);
  if (before + bytes.length > quota) throw quotaError(user, before, bytes.length);
  const stored = Buffer.isBuffer(upload) ? await storeUploadedImage(user.id, upload) : await storeCheckedImage(user.id, upload);
  if (!stored.created) return stored;
  const after = await uploadedBytes(user.id);
  if (after > quota) {
    await deleteAsset(user.id, stored.asset.id);
    throw quotaError(user, after - bytes.length, bytes.length);
  }
  return stored;
}

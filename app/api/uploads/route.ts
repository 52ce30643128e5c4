import { NextResponse } from "next/server";
import { handler, HttpError } from "@/lib/http/handler";
import { assetSummary } from "@/lib/storage/assets";
import { limitUploads } from "@/lib/auth/rate-limit";
import { storeUpload, UploadQuotaError } from "@/lib/storage/uploads";
import { ImageRejectedError } from "@/lib/storage/validate-image";
import { readUploadedFile } from "./read-upload";

/** Uploads a start or end image: 201 with the new asset, 200 with the existing one for the same bytes. */
export const POST = handler({ auth: "user", rateLimit: (_req, user) => limitUploads(user!.id) }, async ({ req, user }) => {
  try {
    const { asset, created } = await storeUpload(user, await readUploadedFile(req));
    return NextResponse.json({ asset: assetSummary(asset) }, { status: created ? 201 : 200 });
  } catch (error) {
    if (error instanceof ImageRejectedError) throw new HttpError(error.status, error.message);
    if (error instanceof UploadQuotaError) throw new HttpError(413, error.message);
    throw error;
  }
});

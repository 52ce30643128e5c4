import { NextResponse } from "next/server";
import { limitUploads } from "@/lib/auth/rate-limit";
import { handler } from "@/lib/http/handler";
import { assetSummary } from "@/lib/storage/assets";
import { storeUpload } from "@/lib/storage/uploads";
import { readUploadedFile } from "./read-upload";

/** Uploads a start or end image: 201 with the new asset, 200 with the existing one for the same bytes. */
export const POST = handler({ auth: "user", rateLimit: (_req, user) => limitUploads(user!.id) }, async ({ req, user }) => {
  const { asset, created } = await storeUpload(user, await readUploadedFile(req));
  return NextResponse.json({ asset: assetSummary(asset) }, { status: created ? 201 : 200 });
});

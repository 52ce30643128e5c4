import { NextResponse } from "next/server";
import { handler } from "@/lib/http/handler";
import { assetSummary, storeUploadedImage } from "@/lib/storage/assets";
import { readUploadedFile } from "./read-upload";

/** Uploads a start or end image: 201 with the new asset, 200 with the existing one for the same bytes. */
export const POST = handler({ auth: "user" }, async ({ req, user }) => {
  const { asset, created } = await storeUploadedImage(user.id, await readUploadedFile(req));
  return NextResponse.json({ asset: assetSummary(asset) }, { status: created ? 201 : 200 });
});

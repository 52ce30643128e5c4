import { NextResponse } from "next/server";
import { limitUploads } from "@/lib/auth/rate-limit";
import { replaceElementImages } from "@/lib/elements/elements";
import { handler } from "@/lib/http/handler";
import { readElementImages } from "../../element-form";

/** Replaces the element's pictures (frontal and references) from a multipart form. */
export const PUT = handler({ auth: "user", params: ["id"], rateLimit: (_req, user) => limitUploads(user!.id) }, async ({ req, user, params }) =>
  NextResponse.json({ element: await replaceElementImages(user, params.id, await readElementImages(req)) }),
);

import { NextResponse } from "next/server";
import { limitUploads } from "@/lib/auth/rate-limit";
import { createElement, listElements } from "@/lib/elements/elements";
import { handler } from "@/lib/http/handler";
import { readElementForm } from "./element-form";

/** The user's elements, newest first. */
export const GET = handler({ auth: "user" }, async ({ user }) => NextResponse.json({ elements: await listElements(user.id) }));

/** Creates an element from a multipart form (name, description, tag, frontal, references). */
export const POST = handler({ auth: "user", rateLimit: (_req, user) => limitUploads(user!.id) }, async ({ req, user }) => {
  const { fields, images } = await readElementForm(req);
  return NextResponse.json({ element: await createElement(user, fields, images) }, { status: 201 });
});

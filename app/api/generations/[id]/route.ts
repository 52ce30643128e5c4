import { NextResponse } from "next/server";
import { presentGeneration } from "@/lib/generations/present";
import { findGeneration } from "@/lib/generations/queries";
import { handler, HttpError } from "@/lib/http/handler";

/** One of the user's generations. */
export const GET = handler({ auth: "user", params: ["id"] }, async ({ user, params }) => {
  const generation = await findGeneration(user.id, params.id);
  if (!generation) throw new HttpError(404, "No such generation.");
  return NextResponse.json({ generation: presentGeneration(generation) }, { headers: { "cache-control": "no-store" } });
});

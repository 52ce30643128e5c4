import { NextResponse } from "next/server";
import { cancelGeneration } from "@/lib/generations/cancel";
import { presentGeneration } from "@/lib/generations/present";
import { handler, HttpError } from "@/lib/http/handler";

/** Cancels a queued job at once, a running one at its next progress step; either way it is refunded. */
export const POST = handler({ auth: "user", params: ["id"] }, async ({ user, params }) => {
  const result = await cancelGeneration(user.id, params.id);
  if (result.kind === "missing") throw new HttpError(404, "No such generation.");
  if (result.kind === "finished") throw new HttpError(409, `This generation has already ${result.status === "succeeded" ? "finished" : result.status === "failed" ? "failed" : "been cancelled"}; there is nothing to cancel.`);
  return NextResponse.json({ generation: presentGeneration(result.generation), refunded: result.refunded });
});

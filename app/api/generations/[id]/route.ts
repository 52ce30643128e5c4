import { NextResponse } from "next/server";
import { z } from "zod";
import { deleteGeneration } from "@/lib/generations/delete";
import { presentFrames, presentGeneration } from "@/lib/generations/present";
import { findGenerationWithFrames, setFavorite } from "@/lib/generations/queries";
import { queuePlaceOf } from "@/lib/generations/queue-position";
import { handler, HttpError } from "@/lib/http/handler";

/** One of the user's generations, with its start and end frames (what "reuse settings" needs) and, queued, its place in the queue. */
export const GET = handler({ auth: "user", params: ["id"] }, async ({ user, params }) => {
  const generation = await findGenerationWithFrames(user.id, params.id);
  if (!generation) throw new HttpError(404, "No such generation.");
  const generationView = { ...presentGeneration(generation), queue: await queuePlaceOf(generation) };
  return NextResponse.json({ generation: generationView, frames: presentFrames(generation) }, { headers: { "cache-control": "no-store" } });
});

const patchSchema = z.strictObject({ favorite: z.boolean({ error: "Favorite must be true or false." }) });

/** Marks or unmarks a favourite. */
export const PATCH = handler({ auth: "user", params: ["id"], body: patchSchema }, async ({ user, params, body }) => {
  const generation = await setFavorite(user.id, params.id, body.favorite);
  if (!generation) throw new HttpError(404, "No such generation.");
  return NextResponse.json({ generation: presentGeneration(generation) });
});

/** Deletes a finished generation with its video and poster; a queued or running one is cancelled first. */
export const DELETE = handler({ auth: "user", params: ["id"] }, async ({ user, params }) => {
  const result = await deleteGeneration(user.id, params.id);
  if (result.kind === "missing") throw new HttpError(404, "No such generation.");
  if (result.kind === "active") throw new HttpError(409, `This generation is still ${result.status === "queued" ? "queued" : "rendering"}: cancel it first, then delete it.`);
  return new Response(null, { status: 204 });
});

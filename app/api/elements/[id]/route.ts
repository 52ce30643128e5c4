import { NextResponse } from "next/server";
import { deleteElement, elementWithVideos, updateElement } from "@/lib/elements/elements";
import { elementUpdateSchema } from "@/lib/elements/schemas";
import { handler } from "@/lib/http/handler";

/** One element and the videos it appears in. */
export const GET = handler({ auth: "user", params: ["id"] }, async ({ user, params }) => NextResponse.json(await elementWithVideos(user.id, params.id)));

/** Renames it, or changes its description or tag. */
export const PATCH = handler({ auth: "user", params: ["id"], body: elementUpdateSchema }, async ({ user, params, body }) =>
  NextResponse.json({ element: await updateElement(user.id, params.id, body) }),
);

/** Deletes it; refused (409) while a queued or running job uses it. */
export const DELETE = handler({ auth: "user", params: ["id"] }, async ({ user, params }) => {
  await deleteElement(user.id, params.id);
  return new NextResponse(null, { status: 204 });
});

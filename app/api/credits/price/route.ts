import { NextResponse } from "next/server";
import { quoteFor } from "@/lib/credits/quote";
import { handler } from "@/lib/http/handler";
import { generationRequestSchema } from "@/lib/validation/generation";

/** The price of a generation request body, as the studio shows it before Generate. */
export const POST = handler({ auth: "user", body: generationRequestSchema }, async ({ user, body }) => NextResponse.json(await quoteFor(user, body)));

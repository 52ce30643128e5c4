import { NextResponse } from "next/server";
import { quoteFor } from "@/lib/credits/quote";
import { PriceError } from "@/lib/credits/price";
import { handler, HttpError } from "@/lib/http/handler";
import { generationRequestSchema } from "@/lib/validation/generation";

/** The price of a generation request body, as the studio shows it before Generate. */
export const POST = handler({ auth: "user", body: generationRequestSchema }, async ({ user, body }) => {
  try {
    return NextResponse.json(await quoteFor(user, body));
  } catch (error) {
    if (error instanceof PriceError) throw new HttpError(422, error.message);
    throw error;
  }
});

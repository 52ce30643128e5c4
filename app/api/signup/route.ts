import { NextResponse } from "next/server";
import { limitSignUp } from "@/lib/auth/rate-limit";
import { signUpSchema } from "@/lib/auth/schemas";
import { createUserWithPassword, DuplicateEmailError } from "@/lib/auth/users";
import { clientAddress } from "@/lib/http/client-address";
import { handler, HttpError } from "@/lib/http/handler";

export const POST = handler(
  { auth: "public", body: signUpSchema, rateLimit: (req) => limitSignUp(clientAddress(req.headers)) },
  async ({ body }) => {
    try {
      const user = await createUserWithPassword(body);
      return NextResponse.json({ user }, { status: 201 });
    } catch (error) {
      if (error instanceof DuplicateEmailError) throw new HttpError(409, error.message, { email: error.message });
      throw error;
    }
  },
);

import { NextResponse } from "next/server";
import { clientIp, limitSignUp } from "@/lib/auth/rate-limit";
import { signUpSchema } from "@/lib/auth/schemas";
import { createUserWithPassword } from "@/lib/auth/users";
import { handler } from "@/lib/http/handler";

export const POST = handler(
  { auth: "public", body: signUpSchema, rateLimit: (req) => limitSignUp(clientIp(req.headers)) },
  async ({ body }) => NextResponse.json({ user: await createUserWithPassword(body) }, { status: 201 }),
);

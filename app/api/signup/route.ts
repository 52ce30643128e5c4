import { NextResponse } from "next/server";
import { limitSignUp } from "@/lib/auth/rate-limit";
import { signUpSchema } from "@/lib/auth/schemas";
import { createUserWithPassword } from "@/lib/auth/users";
import { clientAddress } from "@/lib/http/client-address";
import { handler } from "@/lib/http/handler";
import { publicBaseUrl } from "@/lib/http/origin";
import { sendVerificationEmail } from "@/lib/mail/verification";

export const POST = handler(
  { auth: "public", body: signUpSchema, rateLimit: (req) => limitSignUp(clientAddress(req.headers)) },
  async ({ body, req }) => {
    const user = await createUserWithPassword(body);
    await sendVerificationEmail(user, publicBaseUrl(req.headers, req.nextUrl));
    return NextResponse.json({ user }, { status: 201 });
  },
);

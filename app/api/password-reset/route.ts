import { NextResponse } from "next/server";
import { clientAddress } from "@/lib/http/client-address";
import { handler } from "@/lib/http/handler";
import { publicBaseUrl } from "@/lib/http/origin";
import { limitResetRequests, requestPasswordReset, RESET_REQUESTED } from "@/lib/mail/password-reset";
import { forgotPasswordSchema } from "@/lib/mail/schemas";

/** "Forgot your password?": the same answer whether or not an account uses the email. */
export const POST = handler(
  { auth: "public", body: forgotPasswordSchema, rateLimit: (req) => limitResetRequests(clientAddress(req.headers)) },
  async ({ body, req }) => {
    await requestPasswordReset(body.email, publicBaseUrl(req.headers, req.nextUrl));
    return NextResponse.json({ message: RESET_REQUESTED }, { status: 202 });
  },
);

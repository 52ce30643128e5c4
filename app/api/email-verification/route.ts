import { NextResponse } from "next/server";
import { consume } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db/client";
import { handler, HttpError } from "@/lib/http/handler";
import { publicBaseUrl } from "@/lib/http/origin";
import { sendVerificationEmail } from "@/lib/mail/verification";

/** "Resend verification": a new link to the signed-in user's address. */
export const POST = handler(
  { auth: "user", rateLimit: (_req, user) => consume("verify_resend", 5, user!.id, "verification mails") },
  async ({ user, req }) => {
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { emailVerified: true } });
    if (row.emailVerified) throw new HttpError(409, "Your email address is already verified.");
    await sendVerificationEmail(user, publicBaseUrl(req.headers, req.nextUrl));
    return NextResponse.json({ message: `We sent a new verification link to ${user.email}.` }, { status: 202 });
  },
);

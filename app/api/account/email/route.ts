import { NextResponse } from "next/server";
import { changeEmailSchema } from "@/lib/auth/account-schemas";
import { handler } from "@/lib/http/handler";
import { publicBaseUrl } from "@/lib/http/origin";
import { requestEmailChange } from "@/lib/mail/email-change";
import { orRefused } from "../refused";

/** Asks to move the account to another address: a link goes there first. */
export const POST = handler({ auth: "user", body: changeEmailSchema }, async ({ user, body, req }) => {
  const message = await orRefused(() => requestEmailChange(user.id, body.currentPassword, body.email, publicBaseUrl(req.headers, req.nextUrl)));
  return NextResponse.json({ message }, { status: 202 });
});

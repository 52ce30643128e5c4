import { NextResponse } from "next/server";
import { handler, HttpError } from "@/lib/http/handler";
import { resetPassword } from "@/lib/mail/password-reset";
import { resetPasswordSchema } from "@/lib/mail/schemas";

/** The new-password form behind a reset link: sets the password once and ends every session. */
export const POST = handler({ auth: "public", body: resetPasswordSchema }, async ({ body }) => {
  const result = await resetPassword(body.token, body.password);
  if (!result.ok) throw new HttpError(result.reason === "invalid" ? 400 : 410, result.message, { form: result.message });
  return NextResponse.json({ message: "Your password was changed. Sign in with the new one.", email: result.email });
});

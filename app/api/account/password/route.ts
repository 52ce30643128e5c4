import { NextResponse } from "next/server";
import { changePasswordSchema } from "@/lib/auth/account-schemas";
import { changePassword } from "@/lib/auth/account";
import { handler } from "@/lib/http/handler";
import { orRefused } from "../refused";

/** Changes the password; every session ends, this one included (the page signs in again with the new one). */
export const POST = handler({ auth: "user", body: changePasswordSchema }, async ({ user, body }) => {
  await orRefused(() => changePassword(user.id, body.currentPassword, body.password));
  return NextResponse.json({ message: "Your password was changed. Every other device was signed out." });
});

import "server-only";
import { db } from "../db/client";
import { passwordChangedMail } from "../mail/messages";
import { sendInBackground } from "../mail/send";
import { retireTokens } from "../mail/tokens";
import { hashPassword, verifyPassword } from "./password";
import { consume } from "./rate-limit";
import { forgetSessionUser } from "./session-cache";

/** A change the account page asked for and we refuse, with the field it is about. */
export class AccountChangeRefused extends Error {
  constructor(
    readonly field: "currentPassword" | "email" | "form",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks the signed-in user's current password before a change of password or address (a
 * borrowed session alone must not take the account). Limited per user against guessing.
 */
export async function confirmCurrentPassword(userId: string, password: string) {
  await consume("account_password", 10, userId, "attempts with your current password");
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.passwordHash) {
    throw new AccountChangeRefused("form", 'This account has no password yet: set one with "Forgot your password?" on the sign-in page first.');
  }
  if (!(await verifyPassword(user.passwordHash, password))) throw new AccountChangeRefused("currentPassword", "The current password is wrong.");
  return user;
}

/** Sets a new password; every session of the user ends (the caller signs in again) and a notice is mailed. */
export async function changePassword(userId: string, currentPassword: string, password: string, now = new Date()): Promise<void> {
  await confirmCurrentPassword(userId, currentPassword);
  const passwordHash = await hashPassword(password);
  const user = await db().$transaction(async (tx) => {
    await retireTokens(tx, userId, "reset_password", now);
    return tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  });
  forgetSessionUser(userId);
  sendInBackground(passwordChangedMail(user.email, now));
}

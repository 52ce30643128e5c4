import "server-only";
import { confirmCurrentPassword, AccountChangeRefused } from "../auth/account";
import { db } from "../db/client";
import { isUniqueViolation } from "../db/sql";
import { emailChangedMail, emailChangeMail } from "./messages";
import { sendInBackground } from "./send";
import { consumeToken, issueToken, retireTokens, type TokenFailure } from "./tokens";
import { forgetSessionUser } from "../auth/session-cache";

const CHANGE_HOURS = 24;

const TAKEN = "An account already uses this email.";

/**
 * Starts moving the account to another address: after the current password, a link goes to the
 * new address; the account moves only when that link is used (so nobody moves onto an address
 * they cannot read).
 */
export async function requestEmailChange(userId: string, currentPassword: string, email: string, baseUrl: string): Promise<string> {
  const user = await confirmCurrentPassword(userId, currentPassword);
  if (email === user.email) throw new AccountChangeRefused("email", "That is already your address.");
  if (await db().user.findUnique({ where: { email } })) throw new AccountChangeRefused("email", TAKEN);
  const token = await issueToken(user.id, "change_email", email, CHANGE_HOURS * 3600_000);
  sendInBackground(emailChangeMail(email, user.email, `${baseUrl}/verify-email?change=1&token=${encodeURIComponent(token)}`, CHANGE_HOURS));
  return `We sent a link to ${email}. Your address changes when you open it (within ${CHANGE_HOURS} hours).`;
}

export type EmailChangeResult = { ok: true; email: string } | { ok: false; message: string };

export const CHANGE_MESSAGES: Record<TokenFailure | "taken", string> = {
  invalid: "This link is not valid. Open the link from the newest mail we sent, all of it, or change your address again.",
  expired: "This link has expired. Change your address again from your account page.",
  used: "This link was already used.",
  taken: `${TAKEN} Your address was not changed.`,
};

/** Uses the link sent to the new address: the account moves there (verified), and the old address is told. */
export async function confirmEmailChange(raw: string, now = new Date()): Promise<EmailChangeResult> {
  try {
    const result = await consumeToken(
      raw,
      "change_email",
      async (token, tx) => {
        const before = await tx.user.findUniqueOrThrow({ where: { id: token.userId } });
        await tx.user.update({ where: { id: before.id }, data: { email: token.email, emailVerified: now } });
        // Links mailed to the old address must not reach the account any more.
        for (const purpose of ["change_email", "verify_email", "reset_password"] as const) await retireTokens(tx, before.id, purpose, now);
        return { userId: before.id, from: before.email, to: token.email };
      },
      now,
    );
    if (!result.ok) return { ok: false, message: CHANGE_MESSAGES[result.reason] };
    // After the commit: a request of this process reading the row meanwhile must not keep the old address.
    forgetSessionUser(result.value.userId);
    sendInBackground(emailChangedMail(result.value.from, result.value.to, now));
    return { ok: true, email: result.value.to };
  } catch (error) {
    // Someone took the address since the link was sent: the unique index refuses the move.
    if (isUniqueViolation(error)) return { ok: false, message: CHANGE_MESSAGES.taken };
    throw error;
  }
}

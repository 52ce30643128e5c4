import "server-only";
import { consume } from "../auth/rate-limit";
import { hashPassword } from "../auth/password";
import { db } from "../db/client";
import { passwordChangedMail, passwordResetMail } from "./messages";
import { sendInBackground } from "./send";
import { consumeToken, inspectToken, issueToken, retireTokens, type TokenFailure } from "./tokens";
import { forgetSessionUser } from "../auth/session-cache";

const RESET_MINUTES = 60;
// Per 15 minutes. Counted for every email asked about, existing or not, so a refusal says nothing.
export const RESET_LIMITS = { perEmail: 5, perIp: 20 };

export const RESET_REQUESTED =
  "If an account uses this email, we sent it a link to choose a new password. Check your inbox (and the spam folder); the link works for 60 minutes.";

export const RESET_MESSAGES: Record<TokenFailure, string> = {
  invalid: "This reset link is not valid. Open the link from the newest mail we sent, all of it, or ask for a new one.",
  expired: "This reset link has expired. Ask for a new one and use it within 60 minutes.",
  used: "This reset link was already used. If you still need to reset your password, ask for a new link.",
};

export async function limitResetRequests(ip: string): Promise<void> {
  await consume("reset_ip", RESET_LIMITS.perIp, ip, "password reset requests from your network");
}

/**
 * Mails a reset link when an account uses the email; answers the same either way (the caller
 * shows RESET_REQUESTED). Accounts that sign in only with GitHub or Google may set a password too:
 * the link proves they own the address.
 */
export async function requestPasswordReset(email: string, baseUrl: string): Promise<void> {
  await consume("reset_email", RESET_LIMITS.perEmail, email, "password reset requests for this email");
  const user = await db().user.findUnique({ where: { email } });
  if (!user) return;
  const token = await issueToken(user.id, "reset_password", user.email, RESET_MINUTES * 60_000);
  sendInBackground(passwordResetMail(user.email, `${baseUrl}/reset-password?token=${encodeURIComponent(token)}`, RESET_MINUTES));
}

export type ResetCheck = { ok: true } | { ok: false; reason: TokenFailure; message: string };

/** Whether a reset link can still be used, without using it (the page shows the form or the reason). */
export async function checkResetLink(raw: string): Promise<ResetCheck> {
  const check = await inspectToken(raw, "reset_password");
  return check.ok ? { ok: true } : { ok: false, reason: check.reason, message: RESET_MESSAGES[check.reason] };
}

/**
 * Sets the new password through a reset link, once. Raising sessionVersion signs out every session
 * of the user (lib/auth/session.ts refuses older tokens); the other open reset links die with it.
 * The mail proved the address, so it counts as verified. A notice goes to the address.
 */
export async function resetPassword(raw: string, password: string, now = new Date()): Promise<{ ok: true; email: string } | { ok: false; reason: TokenFailure; message: string }> {
  // argon2 runs outside the transaction (it must not hold the token's row lock), and only for a
  // link that is genuine and open, so forged links cannot make us hash.
  const usable = await checkResetLink(raw);
  if (!usable.ok) return usable;
  const passwordHash = await hashPassword(password);
  const result = await consumeToken(
    raw,
    "reset_password",
    async (token, tx) => {
      const before = await tx.user.findUniqueOrThrow({ where: { id: token.userId } });
      const proven = before.email === token.email;
      const user = await tx.user.update({
        where: { id: before.id },
        data: { passwordHash, sessionVersion: { increment: 1 }, emailVerified: before.emailVerified ?? (proven ? now : null) },
      });
      await retireTokens(tx, user.id, "reset_password", now);
      return user;
    },
    now,
  );
  if (!result.ok) return { ok: false, reason: result.reason, message: RESET_MESSAGES[result.reason] };
  forgetSessionUser(result.value.id);
  sendInBackground(passwordChangedMail(result.value.email, now));
  return { ok: true, email: result.value.email };
}

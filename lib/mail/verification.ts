import "server-only";
import type { PublicUser } from "../auth/users";
import { verificationMail } from "./messages";
import { sendInBackground } from "./send";
import { consumeToken, issueToken, retireTokens, type TokenFailure } from "./tokens";
import { forgetSessionUser } from "../auth/session-cache";

const VERIFY_HOURS = 24;

/** Mails the user a link proving their current address (once one is used, the others stop working). */
export async function sendVerificationEmail(user: Pick<PublicUser, "id" | "email">, baseUrl: string): Promise<void> {
  const token = await issueToken(user.id, "verify_email", user.email, VERIFY_HOURS * 3600_000);
  sendInBackground(verificationMail(user.email, `${baseUrl}/verify-email?token=${encodeURIComponent(token)}`, VERIFY_HOURS));
}

export type VerifyResult = { ok: true; email: string } | { ok: false; reason: TokenFailure | "changed"; message: string };

export const VERIFY_MESSAGES: Record<TokenFailure | "changed", string> = {
  invalid: "This verification link is not valid. Open the link from the newest mail we sent, all of it, or ask for a new one.",
  expired: "This verification link has expired. Ask for a new one and use it within 24 hours.",
  used: "This verification link was already used. If your account still says it is unverified, ask for a new link.",
  changed: "This link was sent to an address your account no longer uses.",
};

/** Uses a verification link: the address it was sent to is now verified. */
export async function verifyEmail(raw: string, now = new Date()): Promise<VerifyResult> {
  const result = await consumeToken(
    raw,
    "verify_email",
    async (token, tx) => {
      const user = await tx.user.findUnique({ where: { id: token.userId } });
      if (user?.email !== token.email) return null;
      await tx.user.update({ where: { id: user.id }, data: { emailVerified: user.emailVerified ?? now } });
      await retireTokens(tx, user.id, "verify_email", now);
      return { userId: user.id, email: user.email };
    },
    now,
  );
  if (!result.ok) return { ok: false, reason: result.reason, message: VERIFY_MESSAGES[result.reason] };
  if (result.value === null) return { ok: false, reason: "changed", message: VERIFY_MESSAGES.changed };
  // After the commit: a request of this process reading the row meanwhile must not keep the unverified one.
  forgetSessionUser(result.value.userId);
  return { ok: true, email: result.value.email };
}

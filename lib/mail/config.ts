import "server-only";
import { logger } from "../log";

/** Whether real mail is configured. Without it, mail goes to the data/mail/ outbox. */
export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL?.trim());
}

export function mailFrom(): string {
  return process.env.MAIL_FROM?.trim() || "Reelsmith <no-reply@localhost>";
}

/**
 * Where mail is configured, free credits need a verified address: otherwise one person with
 * throwaway addresses would collect them many times over. Without mail there is nothing to verify
 * against, so a laptop install keeps its free credits.
 */
export function mayReceiveFreeCredits(user: { emailVerified: boolean }): boolean {
  return !mailConfigured() || user.emailVerified;
}

let reported = false;

/** Said once per process at start-up: a public server without SMTP delivers no mail at all. */
export function reportMailMode(log: (line: string) => void = (line) => logger("mail").warn(line)): void {
  if (reported || mailConfigured() || process.env.NODE_ENV !== "production") return;
  reported = true;
  log(
    "Reelsmith: SMTP_URL is not set, so no mail is delivered (verification and password-reset links are written to data/mail/). " +
      "Set SMTP_URL and MAIL_FROM to send mail.",
  );
}

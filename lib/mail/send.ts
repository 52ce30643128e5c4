import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { mailFrom } from "./config";
import { saveToOutbox } from "./outbox";
import { logger } from "../log";

const log = logger("mail");

export type Mail = { to: string; subject: string; text: string; html: string; /** Logged with the outbox copy in development only, so a laptop user can follow them (a production log never holds them). */ links?: string[] };

// One pooled transport per SMTP_URL (tests point it at their own server).
let smtp: { url: string; transport: Transporter } | undefined;
const outbox = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

function smtpTransport(url: string): Transporter {
  if (smtp?.url !== url) {
    smtp?.transport.close();
    smtp = { url, transport: nodemailer.createTransport(url) };
  }
  return smtp.transport;
}

/** Sends over SMTP_URL, or, without it, writes the message to data/mail/ and logs its links. */
export async function sendMail(mail: Mail): Promise<void> {
  const message = { from: mailFrom(), to: mail.to, subject: mail.subject, text: mail.text, html: mail.html };
  const url = process.env.SMTP_URL?.trim();
  if (url) {
    await smtpTransport(url).sendMail(message);
    return;
  }
  const info = await outbox.sendMail(message);
  const file = await saveToOutbox(info.message as Buffer, mail.to);
  log.info({ to: mail.to, subject: mail.subject, file, ...(process.env.NODE_ENV === "development" ? { links: mail.links } : {}) }, "mail saved to the outbox");
}

/**
 * For mail sent on the side of a request (sign-up, reset request): the answer never waits on the
 * mail server, takes as long whether or not mail goes out, and a mail failure does not undo it.
 */
export function sendInBackground(mail: Mail): void {
  sendMail(mail).catch((error: unknown) => log.error({ err: error, to: mail.to }, "could not send mail"));
}

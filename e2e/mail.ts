import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";
import { CEILING } from "../tests/support/ceilings";

// The e2e server has no SMTP_URL: it writes each mail to the embedded outbox, data/mail/ in the
// checkout it runs from, as an .eml file named after its recipient.
const OUTBOX = path.resolve(process.env.REELSMITH_DATA_DIR ?? "data", "mail");

async function mailsTo(email: string) {
  const names = (await readdir(OUTBOX).catch(() => [] as string[])).filter((n) => n.endsWith(`-${email}.eml`)).sort();
  return Promise.all(names.map(async (n) => simpleParser(await readFile(path.join(OUTBOX, n)))));
}

/** Waits for the mail to `email` whose subject matches. */
export async function mailTo(email: string, subject: RegExp): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(async () => (found = (await mailsTo(email)).find((m) => subject.test(m.subject ?? ""))) !== undefined, {
      message: `a "${subject}" mail to ${email}`,
      timeout: CEILING.state,
    })
    .toBe(true);
  return found!;
}

/** The link in that mail to `pathname`. */
export async function linkFromMail(email: string, subject: RegExp, pathname: string): Promise<string> {
  const mail = await mailTo(email, subject);
  const link = mail.text?.match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname === pathname);
  if (!link) throw new Error(`No ${pathname} link in "${mail.subject}":\n${mail.text}`);
  return link;
}

import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { CEILING } from "./ceilings";

export type ReceivedMail = { to: string; subject: string; text: string; html: string };

/**
 * A real SMTP server in the test process (smtp-server), parsing each message it accepts with
 * mailparser. waitFor() resolves when a matching message has arrived, with a generous ceiling.
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail: ParsedMail) => {
          const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ""));
          for (const address of to) received.push({ to: address, subject: mail.subject ?? "", text: mail.text ?? "", html: typeof mail.html === "string" ? mail.html : "" });
          for (const wake of waiters) wake();
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;

  /** The `index`-th message (0 first) to `to` whose subject matches. */
  function waitFor(to: string, subject: RegExp, index = 0, ceilingMs: number = CEILING.state): Promise<ReceivedMail> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = received.filter((m) => m.to === to && subject.test(m.subject))[index];
        if (!found) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`No mail "${subject}" #${index} to ${to} within ${ceilingMs} ms; received: ${received.map((m) => `${m.to}: ${m.subject}`).join("; ")}`));
      }, ceilingMs);
      if (!check()) waiters.add(check);
    });
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that goes to `pathname`, as a URL. */
export function linkIn(mail: ReceivedMail, pathname: string): URL {
  const found = mail.text.match(/https?:\/\/\S+/g)?.map((u) => new URL(u)).find((u) => u.pathname === pathname);
  if (!found) throw new Error(`No ${pathname} link in the mail "${mail.subject}":\n${mail.text}`);
  return found;
}

/** For a test file: one SMTP server for all its tests, with SMTP_URL pointing at it meanwhile. */
export function smtpServerForFile(): { readonly server: Awaited<ReturnType<typeof startSmtpServer>> } {
  const holder = {} as { server: Awaited<ReturnType<typeof startSmtpServer>> };
  beforeAll(async () => {
    holder.server = await startSmtpServer();
    process.env.SMTP_URL = holder.server.url;
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    await holder.server.close();
  });
  return holder;
}

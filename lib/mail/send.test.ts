import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { reportMailMode } from "./config";
import { verificationMail } from "./messages";
import { sendMail } from "./send";
import { captureLogs } from "../log";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "reelsmith-mail-"));
  vi.stubEnv("REELSMITH_DATA_DIR", dir);
  vi.stubEnv("SMTP_URL", "");
});
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe("the embedded outbox (no SMTP_URL)", () => {
  it("writes each message to data/mail/ as an .eml file and logs where, with its link only in development", async () => {
    vi.stubEnv("MAIL_FROM", "Reels <hello@reels.test>");
    const link = "http://localhost:3000/verify-email?token=abc.1.sig";
    const lines: string[] = [];
    const stopCapture = captureLogs(lines);
    try {
      await sendMail(verificationMail("ada@example.test", link, 24));
      vi.stubEnv("NODE_ENV", "development");
      await sendMail(verificationMail("ada@example.test", link, 24));
    } finally {
      stopCapture();
    }

    const [test, development] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const files = await readdir(path.join(dir, "mail"));
    expect(files).toHaveLength(2);
    const file = String(test!.file);
    expect(files.map((f) => path.join(dir, "mail", f))).toContain(file);
    expect(file).toMatch(/ada@example\.test\.eml$/);
    const parsed = await simpleParser(await readFile(file));
    expect(parsed.subject).toBe("Verify your email for Reelsmith");
    expect(parsed.from?.value[0]).toMatchObject({ name: "Reels", address: "hello@reels.test" });
    expect(parsed.text).toContain(link);
    expect(parsed.html).toContain('href="http://localhost:3000/verify-email?token=abc.1.sig"');

    expect(test).toMatchObject({ msg: "mail saved to the outbox", to: "ada@example.test", file });
    expect(lines[0]).not.toContain("token=");
    expect(development).toMatchObject({ msg: "mail saved to the outbox", links: [link] });
  });
});

describe("start-up notice", () => {
  it("a production start without SMTP_URL says so once; with it, or in development, nothing", () => {
    const lines: string[] = [];
    vi.stubEnv("NODE_ENV", "development");
    reportMailMode((l) => lines.push(l));
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("SMTP_URL", "smtp://mail.example.test:587");
    reportMailMode((l) => lines.push(l));
    expect(lines).toEqual([]);
    vi.stubEnv("SMTP_URL", "");
    reportMailMode((l) => lines.push(l));
    reportMailMode((l) => lines.push(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/SMTP_URL is not set, so no mail is delivered/);
  });
});

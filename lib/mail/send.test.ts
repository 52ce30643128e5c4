import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { reportMailMode } from "./config";
import { verificationMail } from "./messages";
import { sendMail } from "./send";

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
  it("writes each message to data/mail/ as an .eml file and logs its link", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    vi.stubEnv("MAIL_FROM", "Reels <hello@reels.test>");
    const link = "http://localhost:3000/verify-email?token=abc.1.sig";
    await sendMail(verificationMail("ada@example.test", link, 24));

    const files = await readdir(path.join(dir, "mail"));
    expect(files).toHaveLength(1);
    const file = path.join(dir, "mail", files[0]!);
    expect(files[0]!).toMatch(/ada@example\.test\.eml$/);
    const parsed = await simpleParser(await readFile(file));
    expect(parsed.subject).toBe("Verify your email for Reelsmith");
    expect(parsed.from?.value[0]).toMatchObject({ name: "Reels", address: "hello@reels.test" });
    expect(parsed.text).toContain(link);
    expect(parsed.html).toContain('href="http://localhost:3000/verify-email?token=abc.1.sig"');

    const printed = log.mock.calls.map((c) => String(c[0])).join("\n");
    expect(printed).toContain(file);
    expect(printed).toContain(link);
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

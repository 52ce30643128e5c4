import { describe, expect, it } from "vitest";
import { checkMailConfig } from "./start-check";

describe("checkMailConfig", () => {
  it("refuses a production server that mails links without knowing its public URL", () => {
    expect(() => checkMailConfig({ NODE_ENV: "production", SMTP_URL: "smtp://mail.example.test:587" })).toThrow(/Set NEXTAUTH_URL to this server's public URL/);
    expect(() => checkMailConfig({ NODE_ENV: "production", SMTP_URL: "smtp://mail.example.test:587", NEXTAUTH_URL: "https://reels.example.com" })).not.toThrow();
    // The outbox delivers nothing, and development trusts its own browser.
    expect(() => checkMailConfig({ NODE_ENV: "production" })).not.toThrow();
    expect(() => checkMailConfig({ NODE_ENV: "development", SMTP_URL: "smtp://mail.example.test:587" })).not.toThrow();
  });
});

import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as signUp } from "@/app/api/signup/route";
import { POST as resend } from "@/app/api/email-verification/route";
import { userFromRequest } from "@/lib/auth/session";
import { creditBalance } from "@/lib/credits/ledger";
import { db } from "@/lib/db/client";
import { GOOD_PASSWORD, uniqueEmail } from "@/tests/support/factories";
import { authedRequest } from "@/tests/support/session";
import { linkIn, smtpServerForFile } from "@/tests/support/smtp-server";
import { issueToken } from "./tokens";
import { verifyEmail, VERIFY_MESSAGES } from "./verification";

const smtp = smtpServerForFile();

const SUBJECT = /^Verify your email/;

async function signUpUser() {
  const email = uniqueEmail("verify");
  const response = await signUp(
    new NextRequest("http://reels.test/api/signup", { method: "POST", body: JSON.stringify({ email, password: GOOD_PASSWORD }), headers: { "x-forwarded-for": "192.0.2.77" } }),
  );
  expect(response.status).toBe(201);
  const { user } = (await response.json()) as { user: { id: string } };
  return { email, id: user.id };
}

const tokenOf = (url: URL) => url.searchParams.get("token") ?? "";

describe("email verification over SMTP", () => {
  it("sign-up mails a link; following it verifies the address, once", async () => {
    const { email, id } = await signUpUser();
    const mail = await smtp.server.waitFor(email, SUBJECT);
    const link = linkIn(mail, "/verify-email");
    expect(link.origin).toBe("http://reels.test");
    expect(mail.html).toContain(link.toString().replace(/&/g, "&#38;"));
    expect((await db().user.findUniqueOrThrow({ where: { id } })).emailVerified).toBeNull();

    expect(await verifyEmail(tokenOf(link))).toEqual({ ok: true, email });
    expect((await db().user.findUniqueOrThrow({ where: { id } })).emailVerified).toBeInstanceOf(Date);

    expect(await verifyEmail(tokenOf(link))).toEqual({ ok: false, reason: "used", message: VERIFY_MESSAGES.used });
  });

  it("refuses forged, mangled and expired links with their own message, changing nothing", async () => {
    const { email, id } = await signUpUser();
    const token = tokenOf(linkIn(await smtp.server.waitFor(email, SUBJECT), "/verify-email"));
    const [secret, expiry, signature = ""] = token.split(".");
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    for (const forged of [`${secret}.${expiry}.${flipped}`, `${secret}.${Number(expiry) + 86_400}.${signature}`, `${secret}x.${expiry}.${signature}`, "", "a.b", `${token}.x`]) {
      expect(await verifyEmail(forged)).toMatchObject({ ok: false, reason: "invalid", message: VERIFY_MESSAGES.invalid });
    }
    const tomorrow = new Date(Date.now() + 25 * 3600_000);
    expect(await verifyEmail(token, tomorrow)).toMatchObject({ ok: false, reason: "expired", message: VERIFY_MESSAGES.expired });
    // A reset link is signed for its purpose and does not verify anything.
    expect(await verifyEmail(await issueToken(id, "reset_password", email, 60_000))).toMatchObject({ reason: "invalid" });
    expect((await db().user.findUniqueOrThrow({ where: { id } })).emailVerified).toBeNull();
    // The genuine link still works afterwards.
    expect(await verifyEmail(token)).toEqual({ ok: true, email });
  });

  it("a link sent to an address the account no longer has proves nothing", async () => {
    const { email, id } = await signUpUser();
    const token = tokenOf(linkIn(await smtp.server.waitFor(email, SUBJECT), "/verify-email"));
    await db().user.update({ where: { id }, data: { email: uniqueEmail("moved") } });
    expect(await verifyEmail(token)).toMatchObject({ ok: false, reason: "changed", message: VERIFY_MESSAGES.changed });
    expect((await db().user.findUniqueOrThrow({ where: { id } })).emailVerified).toBeNull();
  });

  it("resend mails a new working link; once verified it says so with 409; signed out is 401", async () => {
    const { email, id } = await signUpUser();
    await smtp.server.waitFor(email, SUBJECT);
    const response = await resend(await authedRequest("/api/email-verification", id, { method: "POST" }));
    expect(response.status).toBe(202);
    expect((await response.json()).message).toBe(`We sent a new verification link to ${email}.`);
    const second = await smtp.server.waitFor(email, SUBJECT, 1);
    expect(await verifyEmail(tokenOf(linkIn(second, "/verify-email")))).toEqual({ ok: true, email });

    const again = await resend(await authedRequest("/api/email-verification", id, { method: "POST" }));
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: { message: "Your email address is already verified." } });
    expect((await resend(await authedRequest("/api/email-verification", null, { method: "POST" }))).status).toBe(401);
  });

  it("resend is limited per user", async () => {
    const { email, id } = await signUpUser();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await resend(await authedRequest("/api/email-verification", id, { method: "POST" }))).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    await smtp.server.waitFor(email, SUBJECT, 5);
  });

  it("with SMTP_URL set, the daily bonus waits for verification; then it is granted", async () => {
    const { email, id } = await signUpUser();
    expect(await userFromRequest(await authedRequest("/api/me", id))).toMatchObject({ id, emailVerified: false });
    expect(await creditBalance(id)).toBe(0);
    await verifyEmail(tokenOf(linkIn(await smtp.server.waitFor(email, SUBJECT), "/verify-email")));
    expect(await userFromRequest(await authedRequest("/api/me", id))).toMatchObject({ id, emailVerified: true });
    expect(await creditBalance(id)).toBe(66);
  });

  it("without SMTP_URL (the outbox), unverified accounts get the daily bonus as before", async () => {
    const { email, id } = await signUpUser();
    await smtp.server.waitFor(email, SUBJECT);
    delete process.env.SMTP_URL;
    try {
      expect(await userFromRequest(await authedRequest("/api/me", id))).toMatchObject({ id, emailVerified: false });
      expect(await creditBalance(id)).toBe(66);
    } finally {
      process.env.SMTP_URL = smtp.server.url;
    }
  });
});

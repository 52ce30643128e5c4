import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as requestReset } from "@/app/api/password-reset/route";
import { POST as confirmReset } from "@/app/api/password-reset/confirm/route";
import { userFromRequest } from "@/lib/auth/session";
import { checkCredentials, createUserWithPassword } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { GOOD_PASSWORD, uniqueEmail } from "@/tests/support/factories";
import { sessionCookie } from "@/tests/support/session";
import { linkIn, smtpServerForFile } from "@/tests/support/smtp-server";
import { checkResetLink, RESET_MESSAGES, RESET_REQUESTED, resetPassword } from "./password-reset";

const smtp = smtpServerForFile();

const RESET = /^Reset your Reelsmith password/;
const CHANGED = /^Your Reelsmith password was changed/;
const NEW_PASSWORD = "Brand-new-secret-42";
let ipCounter = 0;
const freshIp = () => `203.0.113.${(process.pid + ipCounter++) % 250}`;

const ask = (email: string, ip = freshIp()) =>
  requestReset(new NextRequest("http://reels.test/api/password-reset", { method: "POST", body: JSON.stringify({ email }), headers: { "x-forwarded-for": ip } }));
const confirm = (token: string, password = NEW_PASSWORD) =>
  confirmReset(new NextRequest("http://reels.test/api/password-reset/confirm", { method: "POST", body: JSON.stringify({ token, password }) }));

/** A browser's session: a next-auth token as the jwt callback issues it at sign-in. */
const session = async (userId: string, sessionVersion: number) => new NextRequest("http://reels.test/api/me", { headers: await sessionCookie(userId, sessionVersion) });

async function resetLink(email: string, index = 0): Promise<string> {
  const response = await ask(email);
  expect(response.status).toBe(202);
  expect(await response.json()).toEqual({ message: RESET_REQUESTED });
  return linkIn(await smtp.server.waitFor(email, RESET, index), "/reset-password").searchParams.get("token") ?? "";
}

describe("password reset over SMTP", () => {
  it("request → mail → new password: the password changes, every older session ends, a notice is mailed", async () => {
    const email = uniqueEmail("reset");
    const user = await createUserWithPassword({ email, password: GOOD_PASSWORD });
    const otherBrowser = await session(user.id, 0);
    expect(await userFromRequest(otherBrowser)).toMatchObject({ id: user.id });

    const token = await resetLink(email);
    expect(await checkResetLink(token)).toEqual({ ok: true });
    const response = await confirm(token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ message: "Your password was changed. Sign in with the new one.", email });

    expect(await userFromRequest(otherBrowser)).toBeNull();
    expect(await userFromRequest(await session(user.id, 1))).toMatchObject({ id: user.id, emailVerified: true });
    expect((await checkCredentials({ email, password: GOOD_PASSWORD })).ok).toBe(false);
    expect((await checkCredentials({ email, password: NEW_PASSWORD })).ok).toBe(true);

    const notice = await smtp.server.waitFor(email, CHANGED);
    expect(notice.text).toMatch(/Every other signed-in session was signed out/);
    expect(notice.text).toMatch(/If you did not do this, reset your password/);

    const reused = await confirm(token, "Another-secret-77");
    expect(reused.status).toBe(410);
    expect((await reused.json()).error.message).toBe(RESET_MESSAGES.used);
    expect(await checkResetLink(token)).toMatchObject({ ok: false, reason: "used" });
  });

  it("20 parallel resets with one link: exactly one succeeds, the session version moves once", async () => {
    const email = uniqueEmail("race");
    const user = await createUserWithPassword({ email, password: GOOD_PASSWORD });
    const token = await resetLink(email);
    const passwords = Array.from({ length: 20 }, (_, i) => `Racing-password-${i}!`);
    const responses = await Promise.all(passwords.map((p) => confirm(token, p)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(19);
    const winner = passwords[statuses.indexOf(200)]!;
    expect((await checkCredentials({ email, password: winner })).ok).toBe(true);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
    expect(await db().emailToken.count({ where: { userId: user.id, purpose: "reset_password", usedAt: null } })).toBe(0);
    await smtp.server.waitFor(email, CHANGED);
    expect(smtp.server.received.filter((m) => m.to === email && CHANGED.test(m.subject))).toHaveLength(1);
  });

  it("answers the same for an unknown email and sends nothing", async () => {
    const known = uniqueEmail("known");
    await createUserWithPassword({ email: known, password: GOOD_PASSWORD });
    const unknown = uniqueEmail("nobody");
    const response = await ask(unknown);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ message: RESET_REQUESTED });
    await resetLink(known);
    expect(smtp.server.received.filter((m) => m.to === unknown)).toEqual([]);
  });

  it("refuses forged, expired and superseded links with their own message, and a weak password by field", async () => {
    const email = uniqueEmail("bad");
    const user = await createUserWithPassword({ email, password: GOOD_PASSWORD });
    const first = await resetLink(email);
    const second = await resetLink(email, 1);

    const forged = await confirm(`${first.slice(0, -2)}xx`);
    expect(forged.status).toBe(400);
    expect((await forged.json()).error.message).toBe(RESET_MESSAGES.invalid);
    const weak = await confirm(first, "password123");
    expect(weak.status).toBe(422);
    expect((await weak.json()).error.fields).toEqual({ password: "This password is too common; choose another." });

    const later = new Date(Date.now() + 61 * 60_000);
    expect(await resetPassword(first, NEW_PASSWORD, later)).toEqual({ ok: false, reason: "expired", message: RESET_MESSAGES.expired });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(0);

    expect((await confirm(second)).status).toBe(200);
    // Using one link retires the other open ones.
    const stale = await confirm(first, "Yet-another-pass-5");
    expect(stale.status).toBe(410);
    expect((await stale.json()).error.message).toBe(RESET_MESSAGES.used);
    expect((await checkCredentials({ email, password: NEW_PASSWORD })).ok).toBe(true);
    await smtp.server.waitFor(email, CHANGED);
  });

  it("requests are limited per email, whether or not it has an account", async () => {
    for (const email of [uniqueEmail("limit"), uniqueEmail("ghost")]) {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await ask(email)).status);
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    }
  });

  it("requests are limited per client address", async () => {
    const ip = freshIp();
    let last: Response | undefined;
    for (let i = 0; i < 25 && last?.status !== 429; i++) last = await ask(uniqueEmail("spray"), ip);
    expect(last?.status).toBe(429);
    expect((await last!.json()).error.message).toMatch(/^Too many password reset requests from your network\. Try again in \d+ s\.$/);
  });
});

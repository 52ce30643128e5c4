import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as changeEmailRoute } from "@/app/api/account/email/route";
import { POST as changePasswordRoute } from "@/app/api/account/password/route";
import { userFromRequest } from "@/lib/auth/session";
import { checkCredentials, createUserWithPassword } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { GOOD_PASSWORD, uniqueEmail } from "@/tests/support/factories";
import { sessionCookie } from "@/tests/support/session";
import { linkIn, smtpServerForFile } from "@/tests/support/smtp-server";
import { CHANGE_MESSAGES, confirmEmailChange } from "./email-change";
import { resetPassword } from "./password-reset";
import { issueToken } from "./tokens";

const smtp = smtpServerForFile();

const post = async (route: (req: NextRequest) => Promise<Response>, path: string, userId: string, body: unknown) =>
  route(new NextRequest(`http://reels.test${path}`, { method: "POST", body: JSON.stringify(body), headers: await sessionCookie(userId, 0) }));

describe("changing the password from the account page", () => {
  it("needs the current password; then every session ends and a notice is mailed", async () => {
    const email = uniqueEmail("pw");
    const user = await createUserWithPassword({ email, password: GOOD_PASSWORD });
    const wrong = await post(changePasswordRoute, "/api/account/password", user.id, { currentPassword: "not-it-1234", password: "Fresh-password-12" });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: { message: "The current password is wrong.", fields: { currentPassword: "The current password is wrong." } } });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(0);

    const ok = await post(changePasswordRoute, "/api/account/password", user.id, { currentPassword: GOOD_PASSWORD, password: "Fresh-password-12" });
    expect(ok.status).toBe(200);
    expect(await userFromRequest(new NextRequest("http://reels.test/api/me", { headers: await sessionCookie(user.id, 0) }))).toBeNull();
    expect((await checkCredentials({ email, password: "Fresh-password-12" })).ok).toBe(true);
    expect((await smtp.server.waitFor(email, /^Your Reelsmith password was changed/)).text).toContain(email);
  });

  it("guessing the current password is limited per user", async () => {
    const user = await createUserWithPassword({ email: uniqueEmail("guess"), password: GOOD_PASSWORD });
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(changePasswordRoute, "/api/account/password", user.id, { currentPassword: `guess-${i}`, password: "Fresh-password-12" })).status);
    expect(statuses.slice(0, 10).every((s) => s === 403)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe("changing the email", () => {
  it("mails a link to the new address; using it moves the account, verified, and tells the old address", async () => {
    const from = uniqueEmail("old");
    const to = uniqueEmail("new");
    const user = await createUserWithPassword({ email: from, password: GOOD_PASSWORD });
    const oldReset = await issueToken(user.id, "reset_password", from, 3600_000);
    const response = await post(changeEmailRoute, "/api/account/email", user.id, { email: to.toUpperCase(), currentPassword: GOOD_PASSWORD });
    expect(response.status).toBe(202);
    expect((await response.json()).message).toMatch(new RegExp(`^We sent a link to ${to.replace(/[.]/g, "\\.")}\\.`));
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(from);

    const link = linkIn(await smtp.server.waitFor(to, /^Confirm your new email/), "/verify-email");
    expect(link.searchParams.get("change")).toBe("1");
    expect(await confirmEmailChange(link.searchParams.get("token")!)).toEqual({ ok: true, email: to });
    const moved = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(moved).toMatchObject({ email: to, emailVerified: expect.any(Date) });
    expect((await checkCredentials({ email: to, password: GOOD_PASSWORD })).ok).toBe(true);
    const notice = await smtp.server.waitFor(from, /^Your Reelsmith email was changed/);
    expect(notice.text).toContain(`moved from ${from} to ${to}`);
    expect(await confirmEmailChange(link.searchParams.get("token")!)).toEqual({ ok: false, message: CHANGE_MESSAGES.used });
    // A reset link mailed to the old address no longer opens the account.
    expect(await resetPassword(oldReset, "Taken-over-pass-1")).toMatchObject({ ok: false, reason: "used" });
  });

  it("refuses a wrong password, the same address, a taken one — also when it is taken after the link went out", async () => {
    const email = uniqueEmail("me");
    const user = await createUserWithPassword({ email, password: GOOD_PASSWORD });
    const other = await createUserWithPassword({ email: uniqueEmail("other"), password: GOOD_PASSWORD });
    const cases: [unknown, number, string][] = [
      [{ email: uniqueEmail(), currentPassword: "nope-nope-1" }, 403, "The current password is wrong."],
      [{ email, currentPassword: GOOD_PASSWORD }, 422, "That is already your address."],
      [{ email: other.email, currentPassword: GOOD_PASSWORD }, 422, "An account already uses this email."],
    ];
    for (const [body, status, message] of cases) {
      const response = await post(changeEmailRoute, "/api/account/email", user.id, body);
      expect(response.status).toBe(status);
      expect((await response.json()).error.message).toBe(message);
    }

    const later = uniqueEmail("later");
    expect((await post(changeEmailRoute, "/api/account/email", user.id, { email: later, currentPassword: GOOD_PASSWORD })).status).toBe(202);
    const token = linkIn(await smtp.server.waitFor(later, /^Confirm your new email/), "/verify-email").searchParams.get("token")!;
    await createUserWithPassword({ email: later, password: GOOD_PASSWORD });
    expect(await confirmEmailChange(token)).toEqual({ ok: false, message: CHANGE_MESSAGES.taken });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(email);
  });
});

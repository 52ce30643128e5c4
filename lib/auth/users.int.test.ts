import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { db } from "../db/client";
import { GOOD_PASSWORD, uniqueEmail } from "../../tests/support/factories";
import { checkCredentials, createUserWithPassword, DuplicateEmailError, WRONG_CREDENTIALS } from "./users";

describe("password accounts", () => {
  it("store an argon2id hash, never the password", async () => {
    const email = uniqueEmail();
    const user = await createUserWithPassword({ email, password: GOOD_PASSWORD, name: "Ada" });
    expect(user).toEqual({ id: expect.any(String), email, name: "Ada", plan: "free" });
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(GOOD_PASSWORD);
  });

  it("treat emails case-insensitively: a second sign-up is refused and nothing is written", async () => {
    const email = uniqueEmail();
    await createUserWithPassword({ email, password: GOOD_PASSWORD });
    await expect(createUserWithPassword({ email: email.toUpperCase(), password: GOOD_PASSWORD })).rejects.toBeInstanceOf(
      DuplicateEmailError,
    );
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  it("let exactly one of many concurrent sign-ups with one email through", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => createUserWithPassword({ email, password: GOOD_PASSWORD })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.every((r) => r.reason instanceof DuplicateEmailError)).toBe(true);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  it("write nothing for a weak password", async () => {
    const email = uniqueEmail();
    await expect(createUserWithPassword({ email, password: "weak" })).rejects.toBeInstanceOf(ZodError);
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("answer a wrong password and an unknown email alike, and accept the right one", async () => {
    const email = uniqueEmail();
    const user = await createUserWithPassword({ email, password: GOOD_PASSWORD });
    expect(await checkCredentials({ email: ` ${email.toUpperCase()} `, password: GOOD_PASSWORD })).toEqual({ ok: true, user });
    const wrong = await checkCredentials({ email, password: "Wrong-password-1" });
    expect(wrong).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    expect(await checkCredentials({ email: uniqueEmail("nobody"), password: GOOD_PASSWORD })).toEqual(wrong);
    const oauthOnly = await db().user.create({ data: { email: uniqueEmail("oauth") } });
    expect(await checkCredentials({ email: oauthOnly.email, password: GOOD_PASSWORD })).toEqual(wrong);
  });
});

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { GOOD_PASSWORD, uniqueEmail } from "../../tests/support/factories";
import { OAuthLinkRefused, resolveOAuthUser } from "./oauth";
import { createUserWithPassword } from "./users";

const identity = (email: string | null, emailVerified = true, provider = "github") => ({
  provider,
  providerAccountId: randomUUID(),
  type: "oauth",
  email,
  name: "Grace",
  image: null,
  emailVerified,
});

describe("OAuth sign-in", () => {
  it("creates a user on first sign-in and finds the same one afterwards", async () => {
    const id = identity(uniqueEmail("gh").toUpperCase());
    const userId = await resolveOAuthUser(id);
    expect(await resolveOAuthUser(id)).toBe(userId);
    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, include: { accounts: true } });
    expect(user.email).toBe(id.email!.toLowerCase());
    expect(user.passwordHash).toBeNull();
    expect(user.accounts).toHaveLength(1);
  });

  it("does not take over a password account with the same email, verified by the provider or not", async () => {
    const email = uniqueEmail();
    await createUserWithPassword({ email, password: GOOD_PASSWORD });
    await expect(resolveOAuthUser(identity(email, false))).rejects.toBeInstanceOf(OAuthLinkRefused);
    await expect(resolveOAuthUser(identity(email, true))).rejects.toThrow("OAuthAccountNotLinked");
    expect(await db().account.count({ where: { user: { email } } })).toBe(0);
  });

  it("counts the account as verified only when the provider vouches for the address", async () => {
    const unverified = await resolveOAuthUser(identity(uniqueEmail("gh"), false));
    expect((await db().user.findUniqueOrThrow({ where: { id: unverified } })).emailVerified).toBeNull();
    const verified = await resolveOAuthUser(identity(uniqueEmail("gh"), true));
    expect((await db().user.findUniqueOrThrow({ where: { id: verified } })).emailVerified).toBeInstanceOf(Date);
  });

  it("a later sign-in that the provider vouches for verifies a linked account", async () => {
    const first = identity(uniqueEmail("gh"), false);
    const id = await resolveOAuthUser(first);
    expect(await resolveOAuthUser({ ...first, emailVerified: true })).toBe(id);
    expect((await db().user.findUniqueOrThrow({ where: { id } })).emailVerified).toBeInstanceOf(Date);
  });

  it("joins a second provider to an OAuth account only on that provider's proof", async () => {
    const email = uniqueEmail("two");
    const id = await resolveOAuthUser(identity(email, true, "github"));
    await expect(resolveOAuthUser(identity(email, false, "google"))).rejects.toThrow(/this provider has not verified the address/);
    expect(await db().account.count({ where: { userId: id } })).toBe(1);
    expect(await resolveOAuthUser(identity(email, true, "google"))).toBe(id);
    expect(await db().account.count({ where: { userId: id } })).toBe(2);
  });

  it("refuses an identity without an email", async () => {
    await expect(resolveOAuthUser(identity(null))).rejects.toThrow(/did not share an email/);
  });
});

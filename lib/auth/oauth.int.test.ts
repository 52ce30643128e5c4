import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { GOOD_PASSWORD, uniqueEmail } from "../../tests/support/factories";
import { OAuthLinkRefused, resolveOAuthUser } from "./oauth";
import { createUserWithPassword } from "./users";

const identity = (email: string | null) => ({
  provider: "github",
  providerAccountId: randomUUID(),
  type: "oauth",
  email,
  name: "Grace",
  image: null,
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

  it("does not take over a password account with the same email", async () => {
    const email = uniqueEmail();
    await createUserWithPassword({ email, password: GOOD_PASSWORD });
    await expect(resolveOAuthUser(identity(email))).rejects.toBeInstanceOf(OAuthLinkRefused);
    expect(await db().account.count({ where: { user: { email } } })).toBe(0);
  });

  it("refuses an identity without an email", async () => {
    await expect(resolveOAuthUser(identity(null))).rejects.toThrow(/did not share an email/);
  });
});

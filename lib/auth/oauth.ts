import "server-only";
import { db } from "../db/client";
import { encodeSignInError } from "./signin-error";
import { forgetSessionUser } from "./session-cache";

export type OAuthIdentity = {
  provider: string;
  providerAccountId: string;
  type: string;
  email: string | null | undefined;
  name: string | null | undefined;
  image: string | null | undefined;
  /** Whether the provider vouches for the address (lib/auth/oauth-email.ts). */
  emailVerified: boolean;
};

export class OAuthLinkRefused extends Error {}

const UNPROVEN_LINK =
  "An account already uses this email, and this provider has not verified the address for you. Sign in the way you did before, or verify the address with the provider first.";

/**
 * Finds or creates the Reelsmith user behind an OAuth sign-in. The account counts as verified only
 * when the provider vouches for the address. An email that already has a password account is never
 * linked (the owner signs in with the password, or proves the address with a reset link), and an
 * existing OAuth-only account is joined by another provider only on that provider's proof.
 */
export async function resolveOAuthUser(identity: OAuthIdentity, now = new Date()): Promise<string> {
  const { provider, providerAccountId } = identity;
  const email = identity.email?.trim().toLowerCase();
  const linked = await db().account.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId } }, include: { user: true } });
  if (linked) {
    if (identity.emailVerified && !linked.user.emailVerified && linked.user.email === email) {
      await db().user.update({ where: { id: linked.userId }, data: { emailVerified: now } });
      forgetSessionUser(linked.userId);
    }
    return linked.userId;
  }
  if (!email) throw new OAuthLinkRefused("The provider did not share an email address.");
  return db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing?.passwordHash) throw new OAuthLinkRefused("OAuthAccountNotLinked");
    if (existing && !identity.emailVerified) throw new OAuthLinkRefused(encodeSignInError({ field: "form", message: UNPROVEN_LINK }));
    const user =
      existing ??
      (await tx.user.create({
        data: { email, name: identity.name ?? null, image: identity.image ?? null, emailVerified: identity.emailVerified ? now : null },
      }));
    await tx.account.create({ data: { userId: user.id, provider, providerAccountId, type: identity.type } });
    return user.id;
  });
}

import "server-only";
import { db } from "../db/client";

export type OAuthIdentity = {
  provider: string;
  providerAccountId: string;
  type: string;
  email: string | null | undefined;
  name: string | null | undefined;
  image: string | null | undefined;
};

export class OAuthLinkRefused extends Error {}

/**
 * Finds or creates the Reelsmith user behind an OAuth sign-in. An email that already has a
 * password account is not linked silently: the owner signs in with the password instead.
 */
export async function resolveOAuthUser(identity: OAuthIdentity): Promise<string> {
  const { provider, providerAccountId } = identity;
  const linked = await db().account.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId } } });
  if (linked) return linked.userId;
  const email = identity.email?.trim().toLowerCase();
  if (!email) throw new OAuthLinkRefused("The provider did not share an email address.");
  return db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing?.passwordHash) throw new OAuthLinkRefused("OAuthAccountNotLinked");
    const user = existing ?? (await tx.user.create({ data: { email, name: identity.name ?? null, image: identity.image ?? null, emailVerified: new Date() } }));
    await tx.account.create({ data: { userId: user.id, provider, providerAccountId, type: identity.type } });
    return user.id;
  });
}

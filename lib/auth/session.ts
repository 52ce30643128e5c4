import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { findUser, type PublicUser } from "./users";

/** The signed-in user, read once per request; null when signed out or the account is gone. */
export const getCurrentUser = cache(async (): Promise<PublicUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  return id ? findUser(id) : null;
});

/** For pages and layouts: the user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(): Promise<PublicUser> {
  const user = await getCurrentUser();
  if (!user) {
    const here = (await headers()).get("x-pathname") ?? "/studio";
    redirect(`/signin?callbackUrl=${encodeURIComponent(here)}`);
  }
  return user;
}

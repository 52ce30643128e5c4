import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ensureDailyBonus } from "../credits/daily-bonus";
import { mayReceiveFreeCredits } from "../mail/config";
import { secureCookiesEnabled } from "./cookies";
import { recordLastSeen } from "./last-seen";
import { decodeSessionToken } from "./token-cache";
import { authOptions } from "./options";
import { findSessionUser, type SessionUser } from "./users";

/**
 * The signed-in user, read once per request; null when signed out or the account is gone.
 * The first signed-in request of a day also grants the daily login bonus (to verified addresses,
 * where mail is configured).
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  return signedInUser(session?.user?.id, session?.user?.sessionVersion);
});

/** For route handlers: the user of the request's session cookie (no request-scoped globals needed). */
export async function userFromRequest(req: NextRequest): Promise<SessionUser | null> {
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET, secureCookie: secureCookiesEnabled(), decode: decodeSessionToken });
  return signedInUser(typeof token?.uid === "string" ? token.uid : undefined, token?.sv);
}

/** A token issued before the user's last password change names nobody: that session has ended. */
async function signedInUser(id: string | undefined, sessionVersion: number | undefined): Promise<SessionUser | null> {
  const user = id ? await findSessionUser(id, sessionVersion) : null;
  if (user) await recordLastSeen(user.id);
  if (user && mayReceiveFreeCredits(user)) await ensureDailyBonus(user.id, user.plan);
  return user;
}

/** For pages and layouts: the user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) {
    const here = (await headers()).get("x-pathname") ?? "/studio";
    redirect(`/signin?callbackUrl=${encodeURIComponent(here)}`);
  }
  return user;
}

import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getCurrentUser } from "../auth/session";
import type { SessionUser } from "../auth/users";
import { db } from "../db/client";
import { adminEmailsFrom, firstAccountRuleApplies } from "./role-rules";

/**
 * Whether the user may use the admin console: their verified address is in ADMIN_EMAILS, or, on an
 * embedded install with no ADMIN_EMAILS (one person's machine), theirs is the first account created.
 */
export async function isAdmin(user: Pick<SessionUser, "id" | "email" | "emailVerified">, env: Record<string, string | undefined> = process.env): Promise<boolean> {
  const listed = adminEmailsFrom(env.ADMIN_EMAILS);
  if (listed.size > 0) return user.emailVerified && listed.has(user.email.toLowerCase());
  if (!firstAccountRuleApplies(env)) return false;
  const first = await db().user.findFirst({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  return first?.id === user.id;
}

/** For admin pages and layouts: the admin, or the site's plain 404 for anyone else (signed out included). */
export const requireAdminPage = cache(async (): Promise<SessionUser> => {
  const user = await getCurrentUser();
  if (!user || !(await isAdmin(user))) notFound();
  return user;
});

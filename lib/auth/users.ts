import "server-only";
import type { PlanId } from "../credits/config";
import { db } from "../db/client";
import { isUniqueViolation, sql } from "../db/sql";
import { sessionRow, type SessionRow } from "./session-cache";
import { DomainError } from "../errors/domain";
import { hashPassword, verifyPassword, decoyHash } from "./password";
import { signUpSchema, type SignUpInput, signInSchema, type SignInInput } from "./schemas";

export type PublicUser = { id: string; email: string; name: string | null; plan: PlanId };
/** The signed-in user as pages see it: also whether the address is verified. */
export type SessionUser = PublicUser & { emailVerified: boolean };

export class DuplicateEmailError extends DomainError<"email_taken"> {
  constructor() {
    super("email_taken", "An account with this email already exists. Sign in instead.", "email");
  }
}

function toPublic(user: PublicUser): PublicUser {
  return { id: user.id, email: user.email, name: user.name, plan: user.plan };
}

/** Creates a password account. Validates first: nothing is written for bad input. */
export async function createUserWithPassword(input: SignUpInput): Promise<PublicUser> {
  const { email, password, name } = signUpSchema.parse(input);
  const passwordHash = await hashPassword(password);
  try {
    const user = await db().user.create({ data: { email, passwordHash, name: name || null } });
    return toPublic(user);
  } catch (error) {
    // The unique index decides, so two concurrent sign-ups with one email cannot both succeed.
    if (isUniqueViolation(error)) throw new DuplicateEmailError();
    throw error;
  }
}

export type CredentialCheck = { ok: true; user: PublicUser } | { ok: false; message: string };

/** One answer for an unknown email, an OAuth-only account and a wrong password: sign-in never tells whether an email has an account. */
export const WRONG_CREDENTIALS = "Wrong email or password. Check both and try again.";

/** Told only to whoever proved the password (or the provider account): an admin suspended the account. */
export const SUSPENDED = "This account is suspended. Write to support to have it restored.";

export async function checkCredentials(input: SignInInput): Promise<CredentialCheck> {
  const { email, password } = signInSchema.parse(input);
  const user = await db().user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    await verifyPassword(await decoyHash(), password);
    return { ok: false, message: WRONG_CREDENTIALS };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, message: WRONG_CREDENTIALS };
  if (user.suspendedAt) return { ok: false, message: SUSPENDED };
  return { ok: true, user: toPublic(user) };
}

export async function findUser(id: string): Promise<PublicUser | null> {
  const user = await db().user.findUnique({ where: { id } });
  return user ? toPublic(user) : null;
}

/**
 * The user a session token names, or null when the account is gone or the token predates the
 * user's last password change (tokens carry the sessionVersion they were issued under; tokens from
 * before versions existed count as version 0), or the account is suspended.
 */
export async function findSessionUser(id: string, sessionVersion: number | undefined): Promise<SessionUser | null> {
  const user = await sessionRow(id, async () => {
    // Plain SQL, narrow: the model query cost four times as much (and the row is kept, lib/auth/session-cache.ts).
    const [row] = await sql().$queryRaw<SessionRow[]>`
      SELECT id, email, name, plan::text AS plan, "sessionVersion", "suspendedAt" IS NOT NULL AS suspended, "emailVerified" IS NOT NULL AS "emailVerified"
        FROM "User" WHERE id = ${id}`;
    return row;
  });
  if (!user || user.sessionVersion !== (sessionVersion ?? 0) || user.suspended) return null;
  return { ...toPublic({ ...user, plan: user.plan as PlanId }), emailVerified: user.emailVerified };
}

export async function isSuspended(id: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id }, select: { suspendedAt: true } });
  return Boolean(user?.suspendedAt);
}

export async function sessionVersionOf(id: string): Promise<number> {
  const user = await db().user.findUnique({ where: { id }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? 0;
}

import "server-only";
import type { PlanId } from "../credits/config";
import { db } from "../db/client";
import { DomainError } from "../errors/domain";
import { Prisma } from "../db/generated/client";
import { hashPassword, verifyPassword, decoyHash } from "./password";
import { signUpSchema, type SignUpInput, signInSchema, type SignInInput } from "./schemas";

export type PublicUser = { id: string; email: string; name: string | null; plan: PlanId };

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
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new DuplicateEmailError();
    throw error;
  }
}

export type CredentialCheck =
  | { ok: true; user: PublicUser }
  | { ok: false; field: "email" | "password"; message: string };

export async function checkCredentials(input: SignInInput): Promise<CredentialCheck> {
  const { email, password } = signInSchema.parse(input);
  const user = await db().user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    await verifyPassword(await decoyHash(), password);
    return {
      ok: false,
      field: "email",
      message: user ? "This account signs in with GitHub or Google." : "No account uses this email. Check it or sign up.",
    };
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    return { ok: false, field: "password", message: "Wrong password. Try again." };
  }
  return { ok: true, user: toPublic(user) };
}

export async function findUser(id: string): Promise<PublicUser | null> {
  const user = await db().user.findUnique({ where: { id } });
  return user ? toPublic(user) : null;
}

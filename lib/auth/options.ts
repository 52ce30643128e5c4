import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { safeCallbackPath, secureCookiesEnabled } from "./cookies";
import { resolveOAuthUser, OAuthLinkRefused } from "./oauth";
import { clientAddress } from "../http/client-address";
import { providerVerifiedEmail } from "./oauth-email";
import { clearSignInFailures, limitSignIn, RateLimitedError, recordSignInFailure } from "./rate-limit";
import { encodeSignInError } from "./signin-error";
import { fieldErrors, signInSchema } from "./schemas";
import { checkCredentials, isSuspended, sessionVersionOf, SUSPENDED } from "./users";

/** The OAuth providers an operator configured: they appear only when their env vars are set. */
function oauthProviders() {
  const providers = [];
  if (process.env.GITHUB_CLIENT_ID && process.env.GITHUB_CLIENT_SECRET) {
    providers.push(GitHubProvider({ clientId: process.env.GITHUB_CLIENT_ID, clientSecret: process.env.GITHUB_CLIENT_SECRET }));
  }
  if (process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

export function configuredOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((p) => ({ id: p.id, name: p.name }));
}

type HeaderBag = Record<string, string | string[] | undefined> | undefined;
const headerReader = (headers: HeaderBag) => ({
  get(name: string) {
    const value = headers?.[name];
    return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  },
});

async function authorize(credentials: Record<string, string> | undefined, headers: HeaderBag) {
  const parsed = signInSchema.safeParse(credentials ?? {});
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    const field = errors.email ? "email" : "password";
    throw new Error(encodeSignInError({ field, message: errors[field] ?? "Check your email and password." }));
  }
  const { email } = parsed.data;
  const address = clientAddress(headerReader(headers));
  try {
    await limitSignIn(email, address);
  } catch (error) {
    if (error instanceof RateLimitedError) throw new Error(encodeSignInError({ field: "form", message: error.message }));
    throw error;
  }
  const result = await checkCredentials(parsed.data);
  if (!result.ok) {
    await recordSignInFailure(email, address);
    throw new Error(encodeSignInError({ field: "form", message: result.message }));
  }
  await clearSignInFailures(email, address);
  return { id: result.user.id, email: result.user.email, name: result.user.name };
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  useSecureCookies: secureCookiesEnabled(),
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) => authorize(credentials, req.headers as HeaderBag),
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    // Every return after an OAuth or credentials sign-in: a same-origin path, never another site.
    redirect({ url, baseUrl }) {
      const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
      return `${baseUrl}${safeCallbackPath(path)}`;
    },
    async signIn({ account, user, profile }) {
      if (!account || account.type === "credentials") return true;
      try {
        const emailVerified = await providerVerifiedEmail(account.provider, user.email, profile as Record<string, unknown> | undefined, account.access_token);
        // Stored on the user object so the jwt callback below puts our id into the token.
        user.id = await resolveOAuthUser({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          type: account.type,
          email: user.email,
          name: user.name,
          image: user.image,
          emailVerified,
        });
        if (await isSuspended(user.id)) return `/signin?error=${encodeURIComponent(encodeSignInError({ field: "form", message: SUSPENDED }))}`;
        return true;
      } catch (error) {
        if (error instanceof OAuthLinkRefused) return `/signin?error=${encodeURIComponent(error.message)}`;
        throw error;
      }
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        // lib/auth/session.ts refuses the token once the password changes (the version moves on).
        token.sv = await sessionVersionOf(user.id);
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") {
        session.user.id = token.uid;
        session.user.sessionVersion = token.sv ?? 0;
      }
      return session;
    },
  },
};

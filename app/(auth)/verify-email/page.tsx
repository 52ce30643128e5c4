import type { Metadata } from "next";
import { AuthHeading } from "@/components/auth/auth-heading";
import { ResendVerificationButton } from "@/components/auth/resend-verification-button";
import { ButtonLink } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/session";
import { verifyEmail, VERIFY_MESSAGES } from "@/lib/mail/verification";

export const metadata: Metadata = { title: "Verify your email" };

type Props = { searchParams: Promise<{ token?: string }> };

/** Where the link in the verification mail lands: it is used here, once, and the page says how it went. */
export default async function VerifyEmailPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const result = token ? await verifyEmail(token) : ({ ok: false, message: VERIFY_MESSAGES.invalid } as const);
  // Read after verifying, so a signed-in user is already seen as verified.
  const user = await getCurrentUser();
  if (result.ok) {
    return (
      <div className="flex flex-col gap-6">
        <AuthHeading title="Email verified" description="Thanks for confirming your address." />
        <p role="status" className="rounded-lg border border-emerald-400/30 bg-emerald-400/10 px-3 py-2 text-sm text-emerald-200">
          {result.email} is verified.
        </p>
        <ButtonLink href={user ? "/studio" : "/signin"} size="lg">
          {user ? "Go to the studio" : "Sign in"}
        </ButtonLink>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <AuthHeading title="We could not verify your email" description="Nothing was changed." />
      <p role="alert" className="rounded-lg border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-300">
        {result.message}
      </p>
      {user && !user.emailVerified ? (
        <ResendVerificationButton size="md" />
      ) : (
        <ButtonLink href={user ? "/studio" : "/signin?callbackUrl=%2Faccount"} variant="secondary" size="lg">
          {user ? "Go to the studio" : "Sign in to ask for a new link"}
        </ButtonLink>
      )}
    </div>
  );
}

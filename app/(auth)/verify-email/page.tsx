import type { Metadata } from "next";
import { AuthHeading } from "@/components/auth/auth-heading";
import { ResendVerificationButton } from "@/components/auth/resend-verification-button";
import { ButtonLink } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/session";
import { confirmEmailChange } from "@/lib/mail/email-change";
import { verifyEmail, VERIFY_MESSAGES } from "@/lib/mail/verification";

export const metadata: Metadata = { title: "Verify your email" };

type Props = { searchParams: Promise<{ token?: string; change?: string }> };

const WORDING = {
  verify: { done: "Email verified", doneLine: "Thanks for confirming your address.", status: (e: string) => `${e} is verified.`, failed: "We could not verify your email" },
  change: { done: "Email changed", doneLine: "Sign in with the new address from now on.", status: (e: string) => `Your account now uses ${e}.`, failed: "We could not change your email" },
};

/**
 * Where the links in the verification and address-change mails land: the link is used here, once,
 * and the page says how it went.
 */
export default async function VerifyEmailPage({ searchParams }: Props) {
  const { token, change } = await searchParams;
  const wording = change ? WORDING.change : WORDING.verify;
  const consumeLink = change ? confirmEmailChange : verifyEmail;
  const result = token ? await consumeLink(token) : ({ ok: false, message: VERIFY_MESSAGES.invalid } as const);
  // Read after the link is used, so a signed-in user is already seen as verified.
  const user = await getCurrentUser();
  if (result.ok) {
    return (
      <div className="flex flex-col gap-6">
        <AuthHeading title={wording.done} description={wording.doneLine} />
        <p role="status" className="rounded-lg border border-emerald-400/30 bg-emerald-400/10 px-3 py-2 text-sm text-emerald-200">
          {wording.status(result.email)}
        </p>
        <ButtonLink href={user ? "/studio" : "/signin"} size="lg">
          {user ? "Go to the studio" : "Sign in"}
        </ButtonLink>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <AuthHeading title={wording.failed} description="Nothing was changed." />
      <p role="alert" className="rounded-lg border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-300">
        {result.message}
      </p>
      {user && !user.emailVerified && !change ? (
        <ResendVerificationButton size="md" />
      ) : (
        <ButtonLink href={user ? "/account" : "/signin?callbackUrl=%2Faccount"} variant="secondary" size="lg">
          {user ? "Go to your account" : "Sign in"}
        </ButtonLink>
      )}
    </div>
  );
}

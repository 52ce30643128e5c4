import type { Metadata } from "next";
import { AuthHeading } from "@/components/auth/auth-heading";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { ButtonLink } from "@/components/ui/button";
import { checkResetLink, RESET_MESSAGES } from "@/lib/mail/password-reset";

export const metadata: Metadata = { title: "Choose a new password" };

type Props = { searchParams: Promise<{ token?: string }> };

/** Where the reset mail's link lands: the form only for a link that still works (using it is the form's POST). */
export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const check = token ? await checkResetLink(token) : null;
  return (
    <div className="flex flex-col gap-6">
      <AuthHeading title="Choose a new password" description="Every device signed in to your account will be signed out." />
      {token && check?.ok ? (
        <ResetPasswordForm token={token} />
      ) : (
        <>
          <p role="alert" className="rounded-lg border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-300">
            {check && !check.ok ? check.message : RESET_MESSAGES.invalid}
          </p>
          <ButtonLink href="/forgot-password" variant="secondary" size="lg">
            Ask for a new link
          </ButtonLink>
        </>
      )}
    </div>
  );
}

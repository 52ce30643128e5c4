import type { Metadata } from "next";
import { AuthHeading } from "@/components/auth/auth-heading";
import { redirect } from "next/navigation";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeCallbackPath } from "@/lib/auth/cookies";
import { configuredOAuthProviders } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";
import { mayReceiveFreeCredits } from "@/lib/mail/config";

export const metadata: Metadata = { title: "Create your account" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function SignUpPage({ searchParams }: Props) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <div className="flex flex-col gap-6">
      <AuthHeading
        title="Create your account"
        description={`66 free credits every day you sign in${mayReceiveFreeCredits({ emailVerified: false }) ? "" : ", once your email is verified"}. No card needed.`}
      />
      <OAuthButtons providers={configuredOAuthProviders()} callbackUrl={callbackUrl} />
      <SignUpForm callbackUrl={callbackUrl} />
    </div>
  );
}

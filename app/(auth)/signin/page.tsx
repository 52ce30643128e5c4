import type { Metadata } from "next";
import { AuthHeading } from "@/components/auth/auth-heading";
import { redirect } from "next/navigation";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/cookies";
import { configuredOAuthProviders } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl: raw, error } = await searchParams;
  const callbackUrl = safeCallbackPath(raw);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <div className="flex flex-col gap-6">
      <AuthHeading title="Welcome back" description="Sign in to your studio." />
      <OAuthButtons providers={configuredOAuthProviders()} callbackUrl={callbackUrl} />
      <SignInForm callbackUrl={callbackUrl} initialError={typeof error === "string" ? error : undefined} />
    </div>
  );
}

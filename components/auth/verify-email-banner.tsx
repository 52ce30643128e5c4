import { mayReceiveFreeCredits } from "@/lib/mail/config";
import { ResendVerificationButton } from "./resend-verification-button";

/** Shown on every app page until the address is verified. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const creditsWait = !mayReceiveFreeCredits({ emailVerified: false });
  return (
    <div role="region" aria-label="Email verification" className="border-b border-amber-400/30 bg-amber-400/10">
      <div className="mx-auto flex w-full max-w-7xl flex-col gap-3 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p className="text-amber-100">
          <span className="font-medium">Verify your email.</span> We sent a link to {email}
          {creditsWait ? "; your free daily credits start once it is verified." : "."}
        </p>
        <ResendVerificationButton />
      </div>
    </div>
  );
}

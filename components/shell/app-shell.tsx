import { VerifyEmailBanner } from "@/components/auth/verify-email-banner";
import { AppHeader } from "@/components/shell/app-header";
import { Toaster } from "@/components/ui/toaster";
import { isAdmin } from "@/lib/admin/roles";
import type { SessionUser } from "@/lib/auth/users";
import { creditBalance } from "@/lib/credits/ledger";

/** The signed-in frame around a page: header with navigation and balance, and the toasts. */
export async function AppShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  const [balance, admin] = await Promise.all([creditBalance(user.id), isAdmin(user)]);
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader user={user} balance={balance} admin={admin} />
      {!user.emailVerified && <VerifyEmailBanner email={user.email} />}
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6">{children}</main>
      <Toaster />
    </div>
  );
}

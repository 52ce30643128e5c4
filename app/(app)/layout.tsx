import { AppHeader } from "@/components/shell/app-header";
import { Toaster } from "@/components/ui/toaster";
import { requireUser } from "@/lib/auth/session";
import { creditBalance } from "@/lib/credits/ledger";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const balance = await creditBalance(user.id);
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader user={user} balance={balance} />
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6">{children}</main>
      <Toaster />
    </div>
  );
}

import { BalanceBadge } from "@/components/credits/balance-badge";
import { Logo } from "@/components/ui/logo";
import type { PublicUser } from "@/lib/auth/users";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";

/** `admin`: the user may open the admin console (the menu links to it). */
export function AppHeader({ user, balance, admin = false }: { user: PublicUser; balance: number; admin?: boolean }) {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-800/60 bg-zinc-950/85 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-6 px-4 sm:px-6">
        <Logo href="/studio" />
        <nav aria-label="Main" className="hidden md:block">
          <NavLinks />
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <BalanceBadge initial={balance} />
          <UserMenu email={user.email} name={user.name} plan={user.plan} admin={admin} />
        </div>
      </div>
      <nav aria-label="Main (mobile)" className="overflow-x-auto border-t border-zinc-800/60 px-2 py-2 md:hidden">
        <NavLinks className="justify-between" />
      </nav>
    </header>
  );
}

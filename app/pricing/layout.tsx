import { SiteHeader } from "@/components/marketing/site-header";
import { AppShell } from "@/components/shell/app-shell";
import { getCurrentUser } from "@/lib/auth/session";

/** Pricing is public: visitors see it in the site's frame, signed-in users in the app's. */
export default async function PricingLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (user) return <AppShell user={user}>{children}</AppShell>;
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader signedIn={false} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 sm:px-6">{children}</main>
    </div>
  );
}

import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { AppShell } from "@/components/shell/app-shell";
import { requireAdminPage } from "@/lib/admin/roles";

export const metadata: Metadata = { title: { template: "%s · Admin", default: "Admin" }, robots: { index: false } };

/** Outside the (app) group on purpose: a signed-out visitor gets the plain 404 here, not a sign-in redirect that would tell the console exists. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdminPage();
  return (
    <AppShell user={admin}>
      <div className="flex flex-col gap-6">
        <AdminNav />
        {children}
      </div>
    </AppShell>
  );
}

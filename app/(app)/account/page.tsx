import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title="Account" description="Your profile, plan, credits and API keys." />
      <dl className="grid gap-4 sm:grid-cols-3">
        {[
          ["Email", user.email],
          ["Name", user.name || "—"],
          ["Plan", user.plan[0]!.toUpperCase() + user.plan.slice(1)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-xl border border-zinc-800 bg-zinc-900/50 p-5">
            <dt className="text-sm text-zinc-400">{label}</dt>
            <dd className="mt-1 truncate text-lg font-medium text-white">{value}</dd>
          </div>
        ))}
      </dl>
      <ComingSoon
        items={[
          "Credit balance by bucket, with expiry dates",
          "The ledger: every grant, spend, refund and expiry",
          "Plan status, renewal date and billing portal",
          "API keys for scripts and batch pipelines",
        ]}
      />
    </div>
  );
}

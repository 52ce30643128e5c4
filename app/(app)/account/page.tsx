import type { Metadata } from "next";
import { CreditBuckets } from "@/components/credits/credit-buckets";
import { CreditHistory } from "@/components/credits/credit-history";
import { formatCredits } from "@/components/credits/format";
import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { BulletList } from "@/components/ui/bullet-list";
import { ButtonLink } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { pricingConfig } from "@/lib/credits/config";
import { creditHistory } from "@/lib/credits/history";
import { creditBalance, creditBreakdown } from "@/lib/credits/ledger";

export const metadata: Metadata = { title: "Account" };

type Props = { searchParams: Promise<{ page?: string }> };

export default async function AccountPage({ searchParams }: Props) {
  const user = await requireUser();
  const config = pricingConfig();
  const plan = config.plans[user.plan];
  const page = Number((await searchParams).page) || 1;
  const now = new Date();
  const [balance, buckets, history] = await Promise.all([
    creditBalance(user.id, now),
    creditBreakdown(user.id, now),
    creditHistory(user.id, page),
  ]);

  const includes = [
    plan.monthlyGrant > 0 ? `${formatCredits(plan.monthlyGrant)} credits every month` : "No monthly credits",
    `${plan.dailyBonus} bonus credits each day you sign in`,
    plan.professionalMode ? "Professional mode (1080p)" : "Standard mode (720p)",
    plan.watermarkFree ? "Downloads without watermark" : "Downloads carry a watermark",
    `${plan.concurrentJobs} ${plan.concurrentJobs === 1 ? "job" : "jobs"} at a time`,
  ];

  return (
    <div className="flex flex-col gap-8">
      <PageHeader title="Account" description={user.name ? `${user.name} · ${user.email}` : user.email} />
      <div className="grid gap-6 lg:grid-cols-[1fr_1.3fr]">
        <section aria-labelledby="plan-heading" className="flex flex-col gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/50 p-5 sm:p-6">
          <div className="flex items-start justify-between gap-4">
            <div>
              <h2 id="plan-heading" className="text-sm font-medium text-zinc-400">
                Plan
              </h2>
              <p className="mt-1 text-2xl font-semibold">{plan.name}</p>
            </div>
            <ButtonLink href="/pricing" variant="secondary" size="sm">
              {user.plan === "free" ? "Upgrade" : "Change plan"}
            </ButtonLink>
          </div>
          <BulletList items={includes} className="text-zinc-300" />
        </section>
        <CreditBuckets balance={balance} buckets={buckets} timeZone={config.timeZone} now={now} />
      </div>
      <CreditHistory history={history} timeZone={config.timeZone} />
      <ComingSoon items={["Billing: renewal date, invoices and the billing portal", "API keys for scripts and batch pipelines"]} />
    </div>
  );
}

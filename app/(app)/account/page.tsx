import type { Metadata } from "next";
import { ApiKeys } from "@/components/account/api-keys";
import { SignInSettings } from "@/components/account/sign-in-settings";
import { CancelPlanButton } from "@/components/billing/cancel-plan-button";
import { planIncludes } from "@/components/billing/plan-includes";
import { PortalButton } from "@/components/billing/portal-button";
import { CreditBuckets } from "@/components/credits/credit-buckets";
import { CreditHistory } from "@/components/credits/credit-history";
import { formatDateTime } from "@/components/credits/format";
import { PageHeader } from "@/components/shell/page-header";
import { BulletList } from "@/components/ui/bullet-list";
import { ButtonLink } from "@/components/ui/button";
import { listApiKeys } from "@/lib/api-keys/keys";
import { requireUser } from "@/lib/auth/session";
import { accountPlan } from "@/lib/billing/subscriptions";
import { testBillingEnabled } from "@/lib/billing/test-mode";
import { pricingConfig } from "@/lib/credits/config";
import { creditHistory } from "@/lib/credits/history";
import { creditBalance, creditBreakdown } from "@/lib/credits/ledger";

export const metadata: Metadata = { title: "Account" };

type Props = { searchParams: Promise<{ page?: string; purchase?: string }> };

const STATUS_NAMES: Record<string, string> = { active: "Active", trialing: "Trial", past_due: "Payment due" };

export default async function AccountPage({ searchParams }: Props) {
  const user = await requireUser();
  const config = pricingConfig();
  const query = await searchParams;
  const page = Number(query.page) || 1;
  const now = new Date();
  const { planId, subscription } = await accountPlan(user.id, now);
  const plan = config.plans[planId];
  const [balance, buckets, history, apiKeys] = await Promise.all([
    creditBalance(user.id, now),
    creditBreakdown(user.id, now),
    creditHistory(user.id, page),
    listApiKeys(user.id),
  ]);
  const periodEnd = subscription ? formatDateTime(subscription.currentPeriodEnd, config.timeZone) : "";

  return (
    <div className="flex flex-col gap-8">
      <PageHeader title="Account" description={user.name ? `${user.name} · ${user.email}` : user.email} />
      {query.purchase === "ok" && (
        <p role="status" className="rounded-2xl border border-emerald-400/30 bg-emerald-400/10 px-4 py-3 text-sm text-emerald-200">
          Thank you: your purchase is complete.
        </p>
      )}
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
              {planId === "free" ? "Upgrade" : "Change plan"}
            </ButtonLink>
          </div>
          {subscription && (
            <div className="flex flex-col gap-2 rounded-xl border border-zinc-800 bg-zinc-950/40 p-3 text-sm">
              <p>
                <span className="font-medium text-zinc-200">{STATUS_NAMES[subscription.status] ?? subscription.status}</span>
                <span className="text-zinc-400"> · billed {subscription.interval}ly</span>
              </p>
              <p className="text-zinc-300">
                {subscription.cancelAtPeriodEnd ? `Cancelled: active until ${periodEnd}, then Free.` : `Renews on ${periodEnd}.`}
              </p>
              {!subscription.cancelAtPeriodEnd && testBillingEnabled() && subscription.stripeSubscriptionId.startsWith("test_") && (
                <div>
                  <CancelPlanButton endsOn={periodEnd} />
                </div>
              )}
              {!testBillingEnabled() && (
                <div>
                  <PortalButton />
                </div>
              )}
            </div>
          )}
          <BulletList items={planIncludes(plan)} className="text-zinc-300" />
        </section>
        <CreditBuckets balance={balance} buckets={buckets} timeZone={config.timeZone} now={now} />
      </div>
      <CreditHistory history={history} timeZone={config.timeZone} />
      <ApiKeys initialKeys={apiKeys} timeZone={config.timeZone} />
      <SignInSettings email={user.email} verified={user.emailVerified} />
    </div>
  );
}

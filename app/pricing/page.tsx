import type { Metadata } from "next";
import { BuyButton } from "@/components/billing/buy-button";
import { planIncludes } from "@/components/billing/plan-includes";
import { PricingPlans, type PlanCard } from "@/components/billing/pricing-plans";
import { formatCredits } from "@/components/credits/format";
import { PageHeader } from "@/components/shell/page-header";
import { ButtonLink } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/session";
import { refreshUserPlan } from "@/lib/billing/fulfil";
import { formatUsd, planPriceUsd } from "@/lib/billing/prices";
import { billingMode } from "@/lib/billing/mode";
import { renewingSubscription } from "@/lib/billing/subscriptions";
import { testBillingEnabled } from "@/lib/billing/test-mode";
import { PLAN_IDS, pricingConfig } from "@/lib/credits/config";

export const metadata: Metadata = { title: "Pricing" };

const SIGN_UP = `/signup?callbackUrl=${encodeURIComponent("/pricing")}`;

function validity(days: number): string {
  return days % 365 === 0 ? `${days / 365} ${days === 365 ? "year" : "years"}` : `${days} days`;
}

export default async function PricingPage() {
  const user = await getCurrentUser();
  const config = pricingConfig();
  // Visitors see the plans too; buying starts with an account.
  const currentPlan = user ? await refreshUserPlan(user.id) : null;
  const changeInPortal = Boolean(user && billingMode() === "stripe" && (await renewingSubscription(user.id)));
  const plans: PlanCard[] = PLAN_IDS.map((id) => ({
    id,
    name: config.plans[id].name,
    price: { month: formatUsd(planPriceUsd(config, id, "month")), year: formatUsd(planPriceUsd(config, id, "year")) },
    includes: planIncludes(config.plans[id]),
  }));

  return (
    <div className="flex flex-col gap-10">
      <PageHeader title="Pricing" description="Plans with a monthly credit grant, and credit packs when you need more.">
        {testBillingEnabled() && (
          <p className="rounded-lg border border-amber-400/30 bg-amber-400/10 px-3 py-1.5 text-sm text-amber-200">Test mode — no real payment</p>
        )}
      </PageHeader>
      <PricingPlans plans={plans} currentPlan={currentPlan} signUpHref={SIGN_UP} changeInPortal={changeInPortal} yearlySaving={`save ${Math.round(config.yearlyDiscount * 100)}%`} />
      <section aria-labelledby="packs-heading" className="flex flex-col gap-5">
        <div>
          <h2 id="packs-heading" className="text-lg font-semibold">
            Credit packs
          </h2>
          <p className="mt-1 text-sm text-zinc-400">One-off credits on top of any plan, spent after your daily and monthly credits.</p>
        </div>
        <ul className="grid gap-4 sm:grid-cols-3">
          {config.packs.map((pack) => (
            <li key={pack.id} aria-label={`${formatCredits(pack.credits)} credit pack`} className="flex flex-col gap-3 rounded-2xl border border-zinc-800 bg-zinc-900/50 p-5">
              <p className="text-2xl font-semibold tabular-nums">
                {formatCredits(pack.credits)} <span className="text-base font-normal text-zinc-400">credits</span>
              </p>
              <p className="text-sm text-zinc-400">
                {formatUsd(pack.priceUsd)} · valid {validity(pack.validDays)}
              </p>
              {user ? (
                <BuyButton purchase={{ kind: "pack", packId: pack.id }} variant="secondary">
                  Buy for {formatUsd(pack.priceUsd)}
                </BuyButton>
              ) : (
                <ButtonLink href={SIGN_UP} variant="secondary">
                  Buy for {formatUsd(pack.priceUsd)}
                </ButtonLink>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

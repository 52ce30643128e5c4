import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TestCheckoutActions } from "@/components/billing/test-checkout-actions";
import { planIncludes } from "@/components/billing/plan-includes";
import { formatCredits } from "@/components/credits/format";
import { PageHeader } from "@/components/shell/page-header";
import { BulletList } from "@/components/ui/bullet-list";
import { ButtonLink } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { formatUsd, planPriceUsd } from "@/lib/billing/prices";
import { readTestCheckoutToken, testBillingEnabled, type TestCheckout } from "@/lib/billing/test-mode";
import { pricingConfig } from "@/lib/credits/config";

export const metadata: Metadata = { title: "Test checkout" };

type Props = { params: Promise<{ token: string }> };

/** What is being bought: a name, a price and what it gives. */
function describe(purchase: TestCheckout["purchase"]) {
  const config = pricingConfig();
  if (purchase.kind === "plan") {
    const plan = config.plans[purchase.plan];
    const price = formatUsd(planPriceUsd(config, purchase.plan, purchase.interval));
    return { title: `${plan.name} plan, billed ${purchase.interval}ly`, price: `${price} / ${purchase.interval}`, items: planIncludes(plan) };
  }
  const pack = config.packs.find((p) => p.id === purchase.packId);
  if (!pack) return null;
  return {
    title: `${formatCredits(pack.credits)} credit pack`,
    price: formatUsd(pack.priceUsd),
    items: [`${formatCredits(pack.credits)} credits`, `Valid for ${pack.validDays} days`],
  };
}

export default async function TestCheckoutPage({ params }: Props) {
  if (!testBillingEnabled()) notFound();
  const user = await requireUser();
  const { token } = await params;
  const checkout = readTestCheckoutToken(token);
  const item = checkout && checkout.userId === user.id ? describe(checkout.purchase) : null;

  return (
    <div className="mx-auto flex max-w-xl flex-col gap-8">
      <PageHeader title="Checkout" description="Confirm your purchase.">
        <p className="rounded-lg border border-amber-400/30 bg-amber-400/10 px-3 py-1.5 text-sm font-medium text-amber-200">Test mode — no real payment</p>
      </PageHeader>
      {item ? (
        <section aria-labelledby="item-heading" className="flex flex-col gap-5 rounded-2xl border border-zinc-800 bg-zinc-900/50 p-5 sm:p-6">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="item-heading" className="text-lg font-semibold">
              {item.title}
            </h2>
            <p className="text-2xl font-semibold tabular-nums">{item.price}</p>
          </div>
          <BulletList items={item.items} className="text-zinc-300" />
          <p className="text-sm text-zinc-400">
            Stripe is not configured on this server, so nothing is charged: completing runs the same fulfilment as a paid purchase.
          </p>
          <TestCheckoutActions token={token} />
        </section>
      ) : (
        <section className="flex flex-col items-start gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/50 p-5 sm:p-6">
          <p className="text-zinc-300">This checkout link is invalid, has expired or belongs to another account.</p>
          <ButtonLink href="/pricing" variant="secondary">
            Back to pricing
          </ButtonLink>
        </section>
      )}
    </div>
  );
}

"use client";

import clsx from "clsx";
import { useState } from "react";
import { Segmented } from "@/components/studio/segmented";
import { BulletList } from "@/components/ui/bullet-list";
import { ButtonLink } from "@/components/ui/button";
import type { BillingInterval } from "@/lib/billing/events";
import type { PlanId } from "@/lib/credits/config";
import { BuyButton } from "./buy-button";
import { PortalButton } from "./portal-button";

export type PlanCard = {
  id: PlanId;
  name: string;
  /** Formatted prices, per month and per year. */
  price: Record<BillingInterval, string>;
  includes: string[];
};

/**
 * The plans side by side, priced monthly or yearly, with the user's current plan marked; for a
 * visitor (no current plan) every plan leads to sign-up.
 */
export function PricingPlans({
  plans,
  currentPlan,
  signUpHref,
  changeInPortal,
  yearlySaving,
}: {
  plans: PlanCard[];
  currentPlan: PlanId | null;
  signUpHref: string;
  /** A Stripe subscriber changes plan in the Billing Portal (with proration), not with a second checkout. */
  changeInPortal: boolean;
  yearlySaving: string;
}) {
  const [interval, setInterval] = useState<BillingInterval>("month");
  return (
    <section aria-labelledby="plans-heading" className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h2 id="plans-heading" className="text-lg font-semibold">
          Plans
        </h2>
        <div className="w-64">
          <Segmented<BillingInterval>
            label="Billing"
            value={interval}
            onChange={setInterval}
            options={[
              { value: "month", label: "Monthly" },
              { value: "year", label: `Yearly · ${yearlySaving}` },
            ]}
          />
        </div>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {plans.map((plan) => {
          const id = plan.id;
          const current = id === currentPlan;
          return (
            <li
              key={plan.id}
              aria-label={`${plan.name} plan`}
              className={clsx(
                "flex flex-col gap-4 rounded-2xl border bg-zinc-900/50 p-5",
                current ? "border-accent-500/70 ring-1 ring-accent-500/40" : "border-zinc-800",
              )}
            >
              <div className="flex items-center justify-between gap-2">
                <h3 className="text-base font-semibold">{plan.name}</h3>
                {current && <span className="rounded-full bg-accent-500/15 px-2 py-0.5 text-xs font-medium text-accent-400">Current plan</span>}
              </div>
              <p className="text-3xl font-semibold tabular-nums">
                {plan.price[interval]}
                <span className="text-sm font-normal text-zinc-400"> / {interval}</span>
              </p>
              <BulletList items={plan.includes} className="flex-1 text-zinc-300" />
              {currentPlan === null ? (
                <ButtonLink href={signUpHref} variant={id === "free" ? "secondary" : "primary"} className="w-full">
                  {id === "free" ? "Start free" : `Choose ${plan.name}`}
                </ButtonLink>
              ) : changeInPortal ? (
                !current && <PortalButton label={`Switch to ${plan.name}`} className="w-full" />
              ) : (
                id !== "free" && !current && <BuyButton purchase={{ kind: "plan", plan: id, interval }}>Choose {plan.name}</BuyButton>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

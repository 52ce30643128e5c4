import "server-only";
import { addDays } from "./clock";
import { pricingConfig, type PlanId, type PricingConfig } from "./config";
import type { Tx } from "../db/transaction";
import { grantCredits } from "./ledger";

// What billing calls when money arrives. Each is idempotent by the payment's own id.

/** A plan's credits for one paid period (a Stripe invoice, or one month of a yearly plan). */
export function grantMonthlyCredits(
  input: { userId: string; plan: PlanId; ref: string; periodEnd: Date; paymentRef?: string; now?: Date },
  options: { tx?: Tx; config?: PricingConfig } = {},
) {
  const config = options.config ?? pricingConfig();
  return grantCredits(
    {
      userId: input.userId,
      source: "monthly_grant",
      amount: config.plans[input.plan].monthlyGrant,
      expiresAt: input.periodEnd,
      externalRef: input.ref,
      paymentRef: input.paymentRef,
      note: `${config.plans[input.plan].name} plan`,
      now: input.now,
    },
    options.tx,
  );
}

class UnknownPackError extends Error {}

/** A one-off credit pack, valid for its configured number of days. */
export function grantPackCredits(
  input: { userId: string; packId: string; paymentRef: string; now?: Date },
  options: { tx?: Tx; config?: PricingConfig } = {},
) {
  const config = options.config ?? pricingConfig();
  const pack = config.packs.find((p) => p.id === input.packId);
  if (!pack) throw new UnknownPackError(`There is no credit pack ${input.packId}.`);
  const now = input.now ?? new Date();
  return grantCredits(
    {
      userId: input.userId,
      source: "purchase",
      amount: pack.credits,
      expiresAt: addDays(now, pack.validDays),
      externalRef: `payment:${input.paymentRef}`,
      paymentRef: input.paymentRef,
      note: `${pack.credits.toLocaleString("en-US")} credit pack`,
      now,
    },
    options.tx,
  );
}

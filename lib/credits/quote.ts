import "server-only";
import type { PublicUser } from "../auth/users";
import type { GenerationRequest } from "../validation/generation";
import { creditBalance } from "./ledger";
import { checkPlanAllows } from "./plan-rules";
import { priceInputOf, priceOf, type Price } from "./price";

export type Quote = {
  price: Price;
  balance: number;
  /** Why Generate would be refused, if it would: the plan, or the balance. */
  blocked: { code: "plan_required" | "insufficient_credits"; message: string } | null;
};

/** What a request costs this user, and whether they can run it now. The server's price, never the client's. */
export async function quoteFor(user: PublicUser, request: GenerationRequest): Promise<Quote> {
  const price = priceOf(priceInputOf(request));
  const balance = await creditBalance(user.id);
  const plan = checkPlanAllows(user.plan, request);
  if (!plan.ok) return { price, balance, blocked: { code: plan.code, message: plan.message } };
  if (balance < price.total) {
    return {
      price,
      balance,
      blocked: { code: "insufficient_credits", message: `This costs ${price.total} credits and your balance is ${balance}.` },
    };
  }
  return { price, balance, blocked: null };
}

import { NextResponse } from "next/server";
import { creditBalance, creditBreakdown } from "@/lib/credits/ledger";
import { handler } from "@/lib/http/handler";

/** The signed-in user's balance and its buckets (the header polls this). */
export const GET = handler({ auth: "user" }, async ({ user }) => {
  const now = new Date();
  const [balance, buckets] = await Promise.all([creditBalance(user.id, now), creditBreakdown(user.id, now)]);
  return NextResponse.json({ balance, buckets, plan: user.plan }, { headers: { "cache-control": "no-store" } });
});

"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { apiFetch } from "@/components/ui/api-fetch";

/** Dispatch after anything that changes credits (a generation, a purchase) to refresh the header. */
export const CREDITS_CHANGED_EVENT = "reelsmith:credits-changed";

const REFRESH_MS = 30_000;

/** The live balance in the header: server-rendered, then refreshed on focus, on change and every 30 s. */
export function BalanceBadge({ initial }: { initial: number }) {
  const [balance, setBalance] = useState(initial);

  useEffect(() => {
    let alive = true;
    const refresh = async () => {
      // A failed refresh keeps the balance shown; the next one corrects it.
      const result = await apiFetch<{ balance: number }>("GET", "/api/credits");
      if (result.ok && alive) setBalance(result.data.balance);
    };
    const onVisible = () => document.visibilityState === "visible" && void refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    window.addEventListener(CREDITS_CHANGED_EVENT, refresh);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      alive = false;
      window.clearInterval(timer);
      window.removeEventListener(CREDITS_CHANGED_EVENT, refresh);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);

  return (
    <Link
      href="/account"
      aria-label={`${balance} credits — see your balance and history`}
      className="flex items-center gap-1.5 rounded-full border border-zinc-800 bg-zinc-900 px-3 py-1.5 text-sm font-medium text-zinc-100 tabular-nums hover:border-zinc-700"
    >
      <svg aria-hidden viewBox="0 0 20 20" className="size-4 fill-amber-300">
        <path d="M10 1.5 12.6 7l6 .6-4.5 4 1.3 5.9L10 14.6l-5.4 2.9 1.3-5.9-4.5-4 6-.6L10 1.5Z" />
      </svg>
      <span data-testid="credit-balance">{balance.toLocaleString("en-US")}</span>
      <span className="sr-only sm:not-sr-only sm:text-zinc-400">credits</span>
    </Link>
  );
}

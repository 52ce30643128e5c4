"use client";

import Link from "next/link";
import type { PriceState } from "./use-price";

type Props = { price: PriceState; missing: string | null; submitting: boolean; error: string | null; onGenerate(): void };

/** The cost, computed by the server, on the Generate button — and why it is disabled when it is. */
export function GenerateBar({ price, missing, submitting, error, onGenerate }: Props) {
  const quote = price.quote;
  const reason = missing ?? price.error ?? quote?.blocked?.message ?? null;
  const short = quote?.blocked?.code === "insufficient_credits";
  const disabled = Boolean(reason) || !quote || submitting;
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        onClick={onGenerate}
        disabled={disabled}
        aria-describedby="generate-reason"
        className="flex h-12 items-center justify-center gap-2 rounded-xl bg-accent-500 px-6 text-base font-semibold text-white shadow-lg shadow-accent-500/20 transition-colors hover:bg-accent-600 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {submitting ? "Submitting…" : "Generate"}
        {quote && (
          <span className="rounded-md bg-black/20 px-2 py-0.5 text-sm font-medium tabular-nums" data-testid="generate-cost">
            {quote.price.total} credits
          </span>
        )}
      </button>
      <p id="generate-reason" className="min-h-5 text-center text-xs text-zinc-400" role={error ? "alert" : undefined}>
        {error ? (
          <span className="text-red-400">{error}</span>
        ) : reason ? (
          <>
            {reason}{" "}
            {short && (
              <Link href="/pricing" className="text-accent-400 hover:underline">
                Buy credits
              </Link>
            )}
          </>
        ) : quote ? (
          `${quote.price.count} × ${quote.price.perGeneration} credits (${quote.price.creditsPerSecond}/s × ${quote.price.seconds} s) · balance ${quote.balance}`
        ) : (
          "Pricing…"
        )}
      </p>
    </div>
  );
}

import type { Bucket } from "@/lib/credits/ledger";
import { formatCredits, formatDateTime, formatIn, sourceName } from "./format";

export function CreditBuckets({ balance, buckets, timeZone, now }: { balance: number; buckets: Bucket[]; timeZone: string; now: Date }) {
  return (
    <section aria-labelledby="balance-heading" className="rounded-2xl border border-zinc-800 bg-zinc-900/50 p-5 sm:p-6">
      <h2 id="balance-heading" className="text-sm font-medium text-zinc-400">
        Balance
      </h2>
      <p className="mt-1 text-3xl font-semibold tabular-nums">
        {formatCredits(balance)} <span className="text-base font-normal text-zinc-400">credits</span>
      </p>
      {buckets.length === 0 ? (
        <p className="mt-4 text-sm text-zinc-400">No credits right now. Sign in tomorrow for your daily bonus, or buy a pack.</p>
      ) : (
        <ul className="mt-4 divide-y divide-zinc-800 border-t border-zinc-800" aria-label="Credits by bucket, spent in this order">
          {buckets.map((b) => (
            <li key={b.grantId} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-3 text-sm">
              <span className="font-medium text-zinc-200">{sourceName(b.source)}</span>
              <span className="tabular-nums text-zinc-100">
                {formatCredits(b.remaining)}
                {b.remaining !== b.amount && <span className="text-zinc-500"> of {formatCredits(b.amount)}</span>}
              </span>
              <span className="w-full text-xs text-zinc-500">
                Expires {formatDateTime(b.expiresAt, timeZone)} ({formatIn(b.expiresAt, now)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import Link from "next/link";
import clsx from "clsx";
import { describeLine, type HistoryPage } from "@/lib/credits/history";
import { formatCredits, formatDateTime } from "./format";

/** `pageHref` is where another page of the history lives (the account page by default, a user's admin page there). */
export function CreditHistory({ history, timeZone, pageHref = (n) => `/account?page=${n}` }: { history: HistoryPage; timeZone: string; pageHref?: (page: number) => string }) {
  const { lines, page, pages } = history;
  return (
    <section aria-labelledby="history-heading" className="rounded-2xl border border-zinc-800 bg-zinc-900/50">
      <div className="flex items-baseline justify-between gap-4 px-5 pt-5 sm:px-6">
        <h2 id="history-heading" className="text-lg font-semibold">
          Credit history
        </h2>
        <p className="text-sm text-zinc-500">
          {history.total} {history.total === 1 ? "entry" : "entries"}
        </p>
      </div>
      {lines.length === 0 ? (
        <p className="px-5 py-6 text-sm text-zinc-400 sm:px-6">Nothing yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="mt-3 w-full min-w-[32rem] text-sm">
            <thead>
              <tr className="border-y border-zinc-800 text-left text-xs text-zinc-500">
                <th scope="col" className="px-5 py-2 font-medium sm:px-6">When</th>
                <th scope="col" className="px-3 py-2 font-medium">What</th>
                <th scope="col" className="px-3 py-2 font-medium">For</th>
                <th scope="col" className="px-5 py-2 text-right font-medium sm:px-6">Credits</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-800/70">
              {lines.map((line) => (
                <tr key={`${line.reason}:${line.ref}`}>
                  <td className="px-5 py-3 whitespace-nowrap text-zinc-400 sm:px-6">{formatDateTime(line.at, timeZone)}</td>
                  <td className="px-3 py-3 text-zinc-200">
                    {describeLine(line)}
                    {line.note && <span className="block text-xs text-zinc-500">{line.note}</span>}
                  </td>
                  <td className="px-3 py-3 text-zinc-400">
                    {line.generationId ? (
                      <Link href={`/gallery/${line.generationId}`} className="text-accent-400 hover:underline">
                        Generation
                      </Link>
                    ) : line.paymentRef ? (
                      <span className="font-mono text-xs" title="Payment reference">{line.paymentRef}</span>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className={clsx("px-5 py-3 text-right font-medium tabular-nums sm:px-6", line.amount > 0 ? "text-emerald-400" : "text-zinc-300")}>
                    {formatCredits(line.amount, true)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="History pages" className="flex items-center justify-between border-t border-zinc-800 px-5 py-3 text-sm sm:px-6">
          {page > 1 ? <Link href={pageHref(page - 1)} className="text-accent-400 hover:underline">← Newer</Link> : <span />}
          <span className="text-zinc-500">
            Page {page} of {pages}
          </span>
          {page < pages ? <Link href={pageHref(page + 1)} className="text-accent-400 hover:underline">Older →</Link> : <span />}
        </nav>
      )}
    </section>
  );
}

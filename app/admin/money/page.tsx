import type { Metadata } from "next";
import { AdminTable, Cell, Section } from "@/components/admin/table";
import { WindowPicker } from "@/components/admin/window-picker";
import { formatCredits } from "@/components/credits/format";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { creditFlows, revenue } from "@/lib/admin/money";
import { requireAdminPage } from "@/lib/admin/roles";
import { reportWindow, reportWindowSchema } from "@/lib/admin/schemas";

export const metadata: Metadata = { title: "Money" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const KIND_NAMES: Record<string, string> = {
  "grant:daily_bonus": "Granted: daily bonus",
  "grant:monthly_grant": "Granted: monthly plan",
  "grant:purchase": "Granted: credit packs",
  "grant:promo": "Granted: promotional",
  "grant:admin": "Granted: by support",
  "grant:refund": "Granted: refund buckets",
  spend: "Spent",
  refund: "Refunded (generations)",
  expire: "Expired",
  adjustment: "Taken back (payment reversed)",
  admin_deduct: "Deducted by support",
};

const dateInput = "h-10 rounded-lg border border-zinc-700 bg-zinc-900/80 px-3 text-sm text-zinc-100";

export default async function AdminMoneyPage({ searchParams }: Props) {
  await requireAdminPage();
  const { days } = reportWindowSchema.parse(await searchParams);
  const { since, until } = reportWindow(days);
  const [flows, income] = await Promise.all([creditFlows(since, until), revenue(since, until)]);
  const totals = new Map<string, number>();
  for (const f of flows) totals.set(f.kind, (totals.get(f.kind) ?? 0) + f.credits);
  const usd = income.reduce((sum, r) => sum + r.usd, 0);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <div className="flex flex-col gap-8">
      <PageHeader title="Money" description={`Credits and revenue, ${since.toISOString().slice(0, 10)} to ${new Date(until.getTime() - 1).toISOString().slice(0, 10)} (UTC).`}>
        <WindowPicker path="/admin/money" days={days} />
      </PageHeader>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <div className="rounded-xl border border-zinc-800 bg-zinc-900/50 p-4">
          <dt className="text-xs text-zinc-500">Revenue (at list prices)</dt>
          <dd className="mt-1 text-lg font-semibold">${usd.toLocaleString("en-US")}</dd>
        </div>
        {[...totals].map(([kind, credits]) => (
          <div key={kind} className="rounded-xl border border-zinc-800 bg-zinc-900/50 p-4">
            <dt className="text-xs text-zinc-500">{KIND_NAMES[kind] ?? kind}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums">{formatCredits(credits, true)}</dd>
          </div>
        ))}
      </dl>
      <Section title="Export the ledger">
        <form aria-label="Export the ledger" action="/api/admin/ledger-export" method="get" className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm">
            From
            <input type="date" name="from" required defaultValue={since.toISOString().slice(0, 10)} className={dateInput} />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            To
            <input type="date" name="to" required defaultValue={today} className={dateInput} />
          </label>
          <Button type="submit" variant="secondary">Download CSV</Button>
        </form>
      </Section>
      <Section title="Revenue per day">
        <AdminTable label="Revenue per day" head={["Day", "What", "Payments", "USD"]} numeric={["Payments", "USD"]} empty={income.length === 0}>
          {income.map((r) => (
            <tr key={`${r.day}:${r.what}`}>
              <Cell>{r.day}</Cell>
              <Cell>{r.what}</Cell>
              <Cell numeric>{r.payments}</Cell>
              <Cell numeric>{r.usd.toLocaleString("en-US")}</Cell>
            </tr>
          ))}
        </AdminTable>
      </Section>
      <Section title="Credits per day">
        <AdminTable label="Credits per day" head={["Day", "Kind", "Operations", "Credits"]} numeric={["Operations", "Credits"]} empty={flows.length === 0}>
          {flows.map((f) => (
            <tr key={`${f.day}:${f.kind}`}>
              <Cell>{f.day}</Cell>
              <Cell>{KIND_NAMES[f.kind] ?? f.kind}</Cell>
              <Cell numeric>{f.lines}</Cell>
              <Cell numeric>{formatCredits(f.credits, true)}</Cell>
            </tr>
          ))}
        </AdminTable>
      </Section>
    </div>
  );
}

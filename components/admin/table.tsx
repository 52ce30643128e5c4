import clsx from "clsx";

/** The admin console's tables: a labelled, scrollable table with a plain header row; `numeric` columns' headings align right, over their numbers. */
export function AdminTable({ label, head, numeric = [], children, empty }: { label: string; head: string[]; numeric?: string[]; children: React.ReactNode; empty?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-2xl border border-zinc-800 bg-zinc-900/50">
      {empty ? (
        <p className="px-4 py-6 text-sm text-zinc-400">Nothing here.</p>
      ) : (
        <table aria-label={label} className="w-full min-w-[40rem] text-sm">
          <thead>
            <tr className="border-b border-zinc-800 text-left text-xs text-zinc-500">
              {head.map((h) => (
                <th key={h} scope="col" className={clsx("px-4 py-2 font-medium", numeric.includes(h) && "text-right")}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-800/70">{children}</tbody>
        </table>
      )}
    </div>
  );
}

export function Cell({ children, className, numeric }: { children: React.ReactNode; className?: string; numeric?: boolean }) {
  return <td className={clsx("px-4 py-2.5", numeric && "text-right tabular-nums", className)}>{children}</td>;
}

export function Section({ title, children, actions }: { title: string; children: React.ReactNode; actions?: React.ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between gap-4">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A timestamp in the admin's view: UTC, to the minute; "—" for none. */
export function When({ at }: { at: Date | null | undefined }) {
  if (!at) return <span className="text-zinc-500">—</span>;
  return <time dateTime={at.toISOString()}>{at.toISOString().slice(0, 16).replace("T", " ")}</time>;
}

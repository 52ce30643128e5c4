/** Says what a page will hold, until the issue that builds it lands. */
export function ComingSoon({ items }: { items: string[] }) {
  return (
    <div className="rounded-2xl border border-dashed border-zinc-800 bg-zinc-900/40 p-6 sm:p-8">
      <p className="text-sm font-medium text-zinc-300">Coming to this page</p>
      <ul className="mt-3 grid gap-2 text-sm text-zinc-400 sm:grid-cols-2">
        {items.map((item) => (
          <li key={item} className="flex gap-2">
            <span aria-hidden className="mt-2 size-1.5 shrink-0 rounded-full bg-accent-400" />
            {item}
          </li>
        ))}
      </ul>
    </div>
  );
}

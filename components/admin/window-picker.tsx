import Link from "next/link";

const CHOICES = [1, 7, 14, 30, 90, 365];

/** Which window a report covers: links to the same page for 1 day … a year. */
export function WindowPicker({ path, days }: { path: string; days: number }) {
  return (
    <nav aria-label="Report window" className="flex flex-wrap gap-1 text-sm">
      {CHOICES.map((d) => (
        <Link
          key={d}
          href={`${path}?days=${d}`}
          aria-current={d === days ? "page" : undefined}
          className={d === days ? "rounded-md bg-zinc-800 px-2.5 py-1 text-white" : "rounded-md px-2.5 py-1 text-zinc-400 hover:bg-zinc-800/60"}
        >
          {d === 1 ? "Today" : `${d} days`}
        </Link>
      ))}
    </nav>
  );
}

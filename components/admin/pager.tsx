import Link from "next/link";

/** Newer/older links for a paginated admin table, keeping the page's other query parameters. */
export function Pager({ page, pages, total, path, query }: { page: number; pages: number; total: number; path: string; query: Record<string, string | undefined> }) {
  const href = (n: number) => {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
    params.set("page", String(n));
    return `${path}?${params}`;
  };
  return (
    <nav aria-label="Pages" className="flex items-center justify-between border-t border-zinc-800 px-4 py-3 text-sm">
      {page > 1 ? <Link href={href(page - 1)} className="text-accent-400 hover:underline">← Previous</Link> : <span />}
      <span className="text-zinc-500">
        Page {page} of {pages} · {total.toLocaleString("en-US")} in all
      </span>
      {page < pages ? <Link href={href(page + 1)} className="text-accent-400 hover:underline">Next →</Link> : <span />}
    </nav>
  );
}

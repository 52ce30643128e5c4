"use client";

import clsx from "clsx";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { galleryHref, KIND_OPTIONS, STATUS_OPTIONS, type GalleryQuery } from "./query";

const SEARCH_DELAY_MS = 300;
const control = "h-10 rounded-lg border border-zinc-700 bg-zinc-900 px-3 text-sm text-zinc-100 focus:border-accent-400 focus:ring-2 focus:ring-accent-500/30 focus:outline-none";

/** Kind, status, favourites and prompt search; they live in the URL, so the server renders each listing. */
export function GalleryFilters({ query }: { query: GalleryQuery }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [text, setText] = useState(query.q);
  // The search this box last sent; any other change of the URL's q (back, "Clear filters") is shown in the box.
  const [sent, setSent] = useState(query.q);
  const [seen, setSeen] = useState(query.q);
  if (query.q !== seen) {
    setSeen(query.q);
    if (query.q !== sent) {
      setText(query.q);
      setSent(query.q);
    }
  }

  const go = (next: GalleryQuery) => startTransition(() => router.replace(galleryHref(next), { scroll: false }));

  useEffect(() => {
    const q = text.trim();
    if (q === sent) return;
    const timer = window.setTimeout(() => {
      setSent(q);
      go({ ...query, q });
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only typing starts a search
  }, [text]);

  return (
    <div role="search" aria-label="Filter videos" className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
      <div className="flex flex-1 flex-col gap-1.5 sm:min-w-56">
        <label htmlFor={`${id}-q`} className="text-sm font-medium text-zinc-200">
          Search prompts
        </label>
        <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. lantern" maxLength={200} className={control} />
      </div>
      <div className="grid grid-cols-2 gap-3 sm:flex">
        <FilterSelect id={`${id}-kind`} label="Kind" value={query.kind} options={KIND_OPTIONS} onChange={(kind) => go({ ...query, kind })} />
        <FilterSelect id={`${id}-status`} label="Status" value={query.status} options={STATUS_OPTIONS} onChange={(status) => go({ ...query, status })} />
      </div>
      <button
        type="button"
        aria-pressed={query.favorites}
        onClick={() => go({ ...query, favorites: !query.favorites })}
        className={clsx(control, "font-medium transition-colors", query.favorites ? "border-amber-400/50 bg-amber-400/10 text-amber-200" : "text-zinc-300 hover:text-white")}
      >
        <span aria-hidden>★</span> Favourites only
      </button>
      <span aria-live="polite" className={clsx("text-xs text-zinc-500 sm:self-center", !pending && "sr-only")}>
        {pending ? "Updating…" : ""}
      </span>
    </div>
  );
}

type SelectProps<T extends string> = { id: string; label: string; value: T; options: readonly { value: T; label: string }[]; onChange(value: T): void };

function FilterSelect<T extends string>({ id, label, value, options, onChange }: SelectProps<T>) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-zinc-200">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(options.find((o) => o.value === e.target.value)?.value ?? value)} className={control}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

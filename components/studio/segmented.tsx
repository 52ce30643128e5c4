"use client";

import clsx from "clsx";

type Option<T> = { value: T; label: string; disabled?: boolean; hint?: string };

/** A radio group drawn as segments (mode, length, aspect ratio, count). */
export function Segmented<T extends string | number>({ label, value, options, wrap, onChange }: { label: string; value: T; options: Option<T>[]; wrap?: boolean; onChange(value: T): void }) {
  return (
    <div className="flex flex-col gap-1.5">
      <span className="text-sm font-medium text-zinc-200" id={`seg-${label}`}>
        {label}
      </span>
      <div role="radiogroup" aria-labelledby={`seg-${label}`} className={clsx("flex gap-1 rounded-lg bg-zinc-900 p-1", wrap && "flex-wrap")}>
        {options.map((o) => (
          <button
            key={String(o.value)}
            type="button"
            role="radio"
            aria-checked={o.value === value}
            aria-disabled={o.disabled || undefined}
            title={o.hint}
            onClick={() => !o.disabled && onChange(o.value)}
            className={clsx(
              "flex-1 rounded-md px-2 py-1.5 text-sm font-medium transition-colors",
              wrap && "min-w-11",
              o.value === value ? "bg-zinc-700 text-white shadow" : "text-zinc-400 hover:text-zinc-200",
              o.disabled && "cursor-not-allowed opacity-50 hover:text-zinc-400",
            )}
          >
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}

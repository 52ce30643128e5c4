"use client";

import clsx from "clsx";
import { useToastStore } from "./toast-store";

/** Where toasts appear; always in the page so screen readers announce what is added to it. */
export function Toaster() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4">
      {toasts.map((t) => (
        <div
          key={t.id}
          role={t.tone === "error" ? "alert" : "status"}
          className={clsx(
            "pointer-events-auto flex w-full max-w-sm items-center gap-3 rounded-xl border px-4 py-3 text-sm shadow-xl shadow-black/40",
            t.tone === "error" ? "border-red-500/40 bg-red-950/90 text-red-100" : "border-zinc-700 bg-zinc-900/95 text-zinc-100",
          )}
        >
          <span className="flex-1">{t.message}</span>
          <button type="button" onClick={() => dismiss(t.id)} aria-label="Dismiss" className="-m-1 rounded p-1 text-zinc-400 hover:text-white">
            <svg viewBox="0 0 20 20" aria-hidden className="size-4 fill-current">
              <path d="M5.3 4 10 8.7 14.7 4 16 5.3 11.3 10l4.7 4.7-1.3 1.3-4.7-4.7L5.3 16 4 14.7 8.7 10 4 5.3z" />
            </svg>
          </button>
        </div>
      ))}
    </div>
  );
}

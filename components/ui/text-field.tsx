import clsx from "clsx";
import { useId, type ComponentProps } from "react";

type Props = ComponentProps<"input"> & { label: string; error?: string; hint?: string };

/** A labelled input whose error is announced and tied to it for screen readers. */
export function TextField({ label, error, hint, className, id, ...props }: Props) {
  const generated = useId();
  const inputId = id ?? generated;
  const describedBy = error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined;
  return (
    <div className={clsx("flex flex-col gap-1.5", className)}>
      <label htmlFor={inputId} className="text-sm font-medium text-zinc-200">
        {label}
      </label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={clsx(
          "h-11 rounded-lg border bg-zinc-900/80 px-3 text-[15px] text-zinc-100 placeholder:text-zinc-500 transition-colors focus:outline-none focus:ring-2",
          error ? "border-red-500/70 focus:ring-red-500/40" : "border-zinc-700 focus:border-accent-400 focus:ring-accent-500/30",
        )}
        {...props}
      />
      {error ? (
        <p id={`${inputId}-error`} role="alert" className="text-sm text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${inputId}-hint`} className="text-sm text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

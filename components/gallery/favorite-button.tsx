"use client";

import clsx from "clsx";

type Props = { favorite: boolean; onToggle(): void; className?: string; /** Says which video, where there are many. */ label?: string };

/** A star that marks a video as a favourite; pressed when it is one. */
export function FavoriteButton({ favorite, onToggle, className, label = "Favourite" }: Props) {
  return (
    <button
      type="button"
      aria-pressed={favorite}
      aria-label={label}
      title={favorite ? "Remove from favourites" : "Add to favourites"}
      onClick={onToggle}
      className={clsx(
        "grid size-9 place-items-center rounded-full border backdrop-blur transition-colors",
        favorite ? "border-amber-400/40 bg-amber-400/15 text-amber-300" : "border-zinc-700 bg-zinc-950/70 text-zinc-300 hover:text-white",
        className,
      )}
    >
      <svg viewBox="0 0 20 20" aria-hidden className={clsx("size-4.5", favorite ? "fill-current" : "fill-none stroke-current stroke-[1.5]")}>
        <path d="m10 2.6 2.3 4.7 5.2.8-3.8 3.7.9 5.1L10 14.5l-4.6 2.4.9-5.1-3.8-3.7 5.2-.8z" strokeLinejoin="round" />
      </svg>
    </button>
  );
}

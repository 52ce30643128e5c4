"use client";

import Link from "next/link";
import { useState } from "react";
import { formatDateTime } from "@/components/credits/format";
import { kindLabel, resolutionLabel, secondsLabel } from "@/components/generations/describe";
import { StatusBadge } from "@/components/generations/status-badge";
import type { GenerationView } from "@/lib/generations/present";
import { queuePlaceLabel } from "@/lib/generations/queue-place";
import { FavoriteButton } from "./favorite-button";

type Props = { generation: GenerationView; timeZone: string; onFavorite(favorite: boolean): void };

/** One video in the grid: its poster (the clip plays muted while hovered or focused), length, mode and date. */
export function GalleryCard({ generation: g, timeZone, onFavorite }: Props) {
  // The video is only requested once someone points at the card.
  const [previewing, setPreviewing] = useState(false);
  const title = g.prompt || `${kindLabel(g.kind)}, no prompt`;
  const start = () => setPreviewing(true);
  const stop = () => setPreviewing(false);
  return (
    <li className="relative">
      <Link
        href={`/gallery/${g.id}`}
        onMouseEnter={start}
        onMouseLeave={stop}
        onFocus={start}
        onBlur={stop}
        className="group block overflow-hidden rounded-2xl border border-zinc-800 bg-zinc-900/40 transition-colors hover:border-zinc-600"
      >
        <div className="relative aspect-video bg-zinc-900">
          {g.video?.posterUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- an authorised media URL, not a static asset
            <img src={g.video.posterUrl} alt="" loading="lazy" className="size-full object-cover" />
          ) : (
            <div className="grid size-full place-items-center text-sm text-zinc-500">{g.status === "succeeded" ? "No poster" : "No video yet"}</div>
          )}
          {previewing && g.video && <video src={g.video.url} muted loop autoPlay playsInline aria-hidden className="absolute inset-0 size-full bg-black object-cover" />}
          {g.status !== "succeeded" && <StatusBadge status={g.status} className="absolute top-2 left-2" />}
          {g.status === "queued" && g.queue && <span className="absolute bottom-2 left-2 rounded-md bg-black/70 px-1.5 py-0.5 text-xs text-white">{queuePlaceLabel(g.queue)}</span>}
          <span aria-hidden className="absolute right-2 bottom-2 rounded-md bg-black/70 px-1.5 py-0.5 text-xs font-medium text-white tabular-nums">{secondsLabel(g)}</span>
        </div>
        <div className="flex flex-col gap-1 p-3">
          <p className="line-clamp-2 min-h-10 text-sm text-zinc-200 group-hover:text-white">{title}</p>
          <p className="text-xs text-zinc-500">
            {kindLabel(g.kind)} · {resolutionLabel(g.mode)} · <span className="sr-only">{secondsLabel(g)} · </span>
            <time dateTime={g.createdAt} className="whitespace-nowrap">{formatDateTime(new Date(g.createdAt), timeZone)}</time>
          </p>
        </div>
      </Link>
      <FavoriteButton label={`Favourite: ${title}`} favorite={g.favorite} onToggle={() => onFavorite(!g.favorite)} className="absolute top-2 right-2" />
    </li>
  );
}

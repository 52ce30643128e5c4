"use client";

import { useState } from "react";
import type { GenerationView } from "@/lib/generations/present";
import { CREDITS_CHANGED_EVENT } from "@/components/credits/balance-badge";
import { apiFetch } from "@/components/ui/api-fetch";
import { kindLabel, resolutionLabel } from "@/components/generations/describe";
import { STATUS, StatusBadge } from "@/components/generations/status-badge";
import { VideoPlayer } from "@/components/generations/video-player";
import { queuePlaceLabel } from "@/lib/generations/queue-place";
import { describeCamera } from "./camera-moves";

export function JobCard({ job }: { job: GenerationView }) {
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const active = job.status === "queued" || job.status === "running";
  const status = STATUS[job.status];

  async function cancel() {
    setCancelling(true);
    setError(null);
    const result = await apiFetch("POST", `/api/generations/${job.id}/cancel`, { fallback: "Could not cancel. Try again." });
    if (!result.ok) setError(result.message);
    else window.dispatchEvent(new Event(CREDITS_CHANGED_EVENT));
    setCancelling(false);
  }

  return (
    <article aria-label={`${status.label}: ${job.prompt || "image to video"}`} className="flex flex-col gap-3 rounded-xl border border-zinc-800 bg-zinc-900/60 p-3">
      <div className="flex items-start justify-between gap-3">
        <p className="line-clamp-2 text-sm text-zinc-200">{job.prompt || <span className="text-zinc-500">Image to video, no prompt</span>}</p>
        <StatusBadge status={job.status} />
      </div>
      <p className="text-xs text-zinc-500">
        {kindLabel(job.kind)} · {resolutionLabel(job.mode)} · {job.duration} s
        {job.aspectRatio !== "auto" && ` · ${job.aspectRatio}`} · {job.storyboard ? `storyboard of ${job.storyboard.shots.length} shots` : describeCamera(job.cameraControl)} · {job.cost} credits
      </p>
      {/* One fixed-size stage for every state, so nothing below moves while a job updates. */}
      <div className="relative aspect-video overflow-hidden rounded-lg bg-black">
        {job.video ? (
          <VideoPlayer video={job.video} label="Generated video" className="size-full object-contain" />
        ) : active ? (
          <>
          <div aria-hidden className="absolute inset-0 animate-pulse bg-gradient-to-br from-zinc-900 via-accent-500/10 to-zinc-900" />
          <div className="absolute inset-x-0 bottom-0 flex flex-col gap-1.5 bg-gradient-to-t from-zinc-950 to-transparent p-3 pt-10">
            <div
              role="progressbar"
              aria-label="Render progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={job.progress}
              className="h-2 overflow-hidden rounded-full bg-zinc-800"
            >
              <div className="h-full rounded-full bg-accent-500 transition-[width] duration-500" style={{ width: `${Math.max(job.progress, job.status === "running" ? 3 : 0)}%` }} />
            </div>
            <div className="flex items-center justify-between text-xs text-zinc-300">
              <span className="tabular-nums">{job.status !== "queued" ? `${job.progress}%` : job.queue ? queuePlaceLabel(job.queue) : "Waiting for a worker…"}</span>
              <button type="button" onClick={cancel} disabled={cancelling} className="rounded px-1 font-medium text-zinc-200 hover:text-white disabled:opacity-50">
                {cancelling ? "Cancelling…" : "Cancel"}
              </button>
            </div>
          </div>
          </>
        ) : (
          <div className="absolute inset-0 flex flex-col items-center justify-center gap-1 p-4 text-center text-sm text-zinc-400" role={job.status === "failed" ? "alert" : undefined}>
            {job.error?.message}
            {job.refunded && <span className="text-xs text-emerald-300">Refunded {job.cost} credits.</span>}
          </div>
        )}
      </div>
      {error && (
        <p role="alert" className="text-xs text-red-400">
          {error}
        </p>
      )}
    </article>
  );
}

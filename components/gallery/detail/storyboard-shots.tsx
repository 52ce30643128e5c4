"use client";

import clsx from "clsx";
import { useEffect, useMemo, useState } from "react";
import { describeCamera } from "@/components/studio/camera-moves";
import type { GenerationView } from "@/lib/generations/present";
import { shotStarts } from "@/lib/storyboard/split";

type Props = { storyboard: NonNullable<GenerationView["storyboard"]>; playerId: string };

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

/** A storyboard's shots with the time each starts; choosing one seeks the player there (and the playing one is marked). */
export function StoryboardShots({ storyboard, playerId }: Props) {
  const starts = useMemo(() => shotStarts(storyboard.shots), [storyboard.shots]);
  const [playing, setPlaying] = useState(0);
  const player = () => document.getElementById(playerId) as HTMLVideoElement | null;

  useEffect(() => {
    const video = document.getElementById(playerId) as HTMLVideoElement | null;
    if (!video) return;
    const follow = () => setPlaying(Math.max(0, starts.findLastIndex((start) => start <= video.currentTime + 0.01)));
    video.addEventListener("timeupdate", follow);
    video.addEventListener("seeked", follow);
    return () => {
      video.removeEventListener("timeupdate", follow);
      video.removeEventListener("seeked", follow);
    };
  }, [playerId, starts]);

  return (
    <section aria-labelledby="shots-heading" className="flex flex-col gap-2">
      <h2 id="shots-heading" className="text-sm font-medium text-zinc-300">
        Shots{storyboard.type === "automatic" && <span className="font-normal text-zinc-500"> (split from the prompt)</span>}
      </h2>
      <ol className="flex flex-col gap-1.5">
        {storyboard.shots.map((shot, i) => (
          <li key={i}>
            <button
              type="button"
              aria-current={playing === i || undefined}
              aria-label={`Shot ${i + 1}, from ${clock(starts[i]!)}: ${shot.prompt}`}
              onClick={() => {
                const video = player();
                if (video) video.currentTime = starts[i]!;
              }}
              className={clsx(
                "flex w-full flex-col gap-0.5 rounded-lg border px-3 py-2 text-left text-sm transition-colors",
                playing === i ? "border-accent-500/60 bg-accent-500/10" : "border-zinc-800 bg-zinc-900/50 hover:border-zinc-600",
              )}
            >
              <span className="flex justify-between gap-2 text-xs text-zinc-400 tabular-nums">
                <span>
                  Shot {i + 1} · {clock(starts[i]!)} · {shot.duration} s
                </span>
                <span className="truncate">{describeCamera(shot.cameraControl ?? null).split(":")[0]}</span>
              </span>
              <span className="text-zinc-100">{shot.prompt}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

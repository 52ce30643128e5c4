"use client";

import clsx from "clsx";
import { useEffect, useId, useRef } from "react";
import type { CameraControl } from "@/lib/validation/generation";
import { AXES, describeCamera, endTransform, MASTER_SHOTS } from "./camera-moves";

function CameraPreview({ camera }: { camera: CameraControl | null }) {
  const picture = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const animation = picture.current?.animate(
      [{ transform: "none" }, { transform: endTransform(camera) }],
      { duration: 2600, easing: "ease-in-out", iterations: reduce ? 1 : Infinity, direction: "alternate", fill: "forwards" },
    );
    return () => animation?.cancel();
  }, [camera]);
  return (
    <figure className="flex flex-col gap-2">
      <div className="relative aspect-video overflow-hidden rounded-lg border border-zinc-800 bg-zinc-900 [perspective:600px]" aria-hidden>
        <div ref={picture} className="absolute inset-[-15%] bg-[radial-gradient(circle_at_62%_30%,oklch(0.9_0.1_80)_0,transparent_9%),linear-gradient(180deg,oklch(0.55_0.12_250)_0%,oklch(0.75_0.1_60)_48%,oklch(0.42_0.08_150)_49%,oklch(0.3_0.06_150)_100%)]">
          <div className="absolute bottom-[38%] left-[20%] h-[22%] w-[7%] bg-zinc-900/80" />
          <div className="absolute bottom-[38%] left-[27%] h-[30%] w-[9%] bg-zinc-900/70" />
          <div className="absolute bottom-[38%] left-[58%] h-[16%] w-[12%] rounded-t-full bg-emerald-950/80" />
        </div>
      </div>
      <figcaption className="text-xs text-zinc-400" aria-live="polite">
        Preview: {describeCamera(camera)}
      </figcaption>
    </figure>
  );
}

type Props = {
  camera: CameraControl | null;
  /** What the engine can do here: any move, single-axis moves only (no master shots), or none. */
  support: "all" | "axis" | "none";
  /** Shown when the engine can do no camera move here: why, and what to do instead. */
  note: string;
  onChange(camera: CameraControl | null): void;
};

export function CameraControls({ camera, support, note, onChange }: Props) {
  const id = useId();
  const activeAxis = camera?.type === "axis" ? camera.axis : "zoom";
  const value = camera?.type === "axis" ? camera.value : 0;
  const axisInfo = AXES.find((a) => a.axis === activeAxis)!;
  return (
    <fieldset className="flex flex-col gap-4 disabled:opacity-60" disabled={support === "none"}>
      <legend className="mb-2 text-sm font-medium text-zinc-200">Camera movement</legend>
      {support === "none" && <p className="text-xs text-zinc-400">{note}</p>}
      <CameraPreview camera={camera} />
      <div role="radiogroup" aria-label="Master shots" className="grid grid-cols-2 gap-2">
        <button
          type="button"
          role="radio"
          aria-checked={camera === null}
          onClick={() => onChange(null)}
          className={clsx("col-span-2 rounded-lg border px-3 py-2 text-left text-xs", camera === null ? "border-accent-400 bg-accent-500/10 text-white" : "border-zinc-800 text-zinc-400 hover:border-zinc-700")}
        >
          <span className="font-medium">Automatic</span> — a gentle move that suits the shot
        </button>
        {MASTER_SHOTS.map((m) => {
          const active = camera?.type === "master" && camera.shot === m.shot;
          return (
            <button
              key={m.shot}
              type="button"
              role="radio"
              aria-checked={active}
              disabled={support !== "all"}
              title={support === "axis" ? "This engine takes single-axis moves only here" : undefined}
              onClick={() => onChange({ type: "master", shot: m.shot })}
              className={clsx("rounded-lg border px-3 py-2 text-left disabled:cursor-not-allowed disabled:opacity-50", active ? "border-accent-400 bg-accent-500/10" : "border-zinc-800 hover:border-zinc-700")}
            >
              <span className={clsx("block text-xs font-medium", active ? "text-white" : "text-zinc-300")}>{m.label}</span>
              <span className="block text-[11px] text-zinc-500">{m.hint}</span>
            </button>
          );
        })}
      </div>
      <div className="flex flex-col gap-2 rounded-lg border border-zinc-800 p-3">
        <div role="radiogroup" aria-label="Camera axis" className="flex flex-wrap gap-1">
          {AXES.map((a) => {
            const active = camera?.type === "axis" && camera.axis === a.axis;
            return (
              <button
                key={a.axis}
                type="button"
                role="radio"
                aria-checked={active}
                onClick={() => onChange({ type: "axis", axis: a.axis, value: camera?.type === "axis" && camera.value !== 0 ? camera.value : 5 })}
                className={clsx("rounded-md px-2.5 py-1 text-xs font-medium disabled:cursor-not-allowed disabled:opacity-50", active ? "bg-accent-500 text-white" : "bg-zinc-800 text-zinc-300 hover:bg-zinc-700")}
              >
                {a.label}
              </button>
            );
          })}
        </div>
        <label htmlFor={`${id}-value`} className="flex items-baseline justify-between text-xs text-zinc-400">
          <span>
            {axisInfo.label}: − {axisInfo.minus} / + {axisInfo.plus}
          </span>
          <span className="font-medium text-zinc-200 tabular-nums">{camera?.type === "axis" ? (value > 0 ? `+${value}` : value) : "off"}</span>
        </label>
        <input
          id={`${id}-value`}
          type="range"
          min={-10}
          max={10}
          step={1}
          value={value}
          onChange={(e) => {
            const v = Number(e.target.value);
            onChange(v === 0 ? null : { type: "axis", axis: activeAxis, value: v });
          }}
          className="accent-accent-500 disabled:opacity-50"
        />
      </div>
    </fieldset>
  );
}

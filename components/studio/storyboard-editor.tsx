"use client";

import clsx from "clsx";
import { useId, useState } from "react";
import { shotStarts } from "@/lib/storyboard/split";
import type { CameraControl } from "@/lib/validation/generation";
import { SHOT_PROMPT_MAX } from "@/lib/validation/limits";
import { AXES, MASTER_SHOTS } from "./camera-moves";
import { addShot, canAdd, duplicateShot, lengthChoices, MAX_TOTAL, moveShot, plannedShots, removeShot, totalOf } from "./storyboard";
import { Segmented } from "./segmented";
import type { StudioShot, TabSettings } from "./studio-store";

// Loaded with the storyboard switch (next/dynamic in studio.tsx), so the studio's first load does not carry it.

type Props = {
  settings: TabSettings;
  /** The camera moves the engine makes at this mode and length. */
  camera: "all" | "axis" | "none";
  /** The server's price of the whole storyboard, when known. */
  cost: number | null;
  onChange(patch: Partial<TabSettings>): void;
};

const SHADES = ["bg-accent-500", "bg-sky-500", "bg-emerald-500", "bg-amber-500", "bg-fuchsia-500", "bg-rose-500"];

/** A move per shot, as one list: automatic, a single-axis move either way, or a master shot. */
const MOVES: { key: string; label: string; camera: CameraControl | null }[] = [
  { key: "auto", label: "Automatic", camera: null },
  ...AXES.flatMap((a) => [
    { key: `${a.axis}-`, label: `${a.label}: ${a.minus}`, camera: { type: "axis" as const, axis: a.axis, value: -5 } },
    { key: `${a.axis}+`, label: `${a.label}: ${a.plus}`, camera: { type: "axis" as const, axis: a.axis, value: 5 } },
  ]),
  ...MASTER_SHOTS.map((m) => ({ key: m.shot, label: m.label, camera: { type: "master" as const, shot: m.shot } })),
];

const moveKey = (camera: CameraControl | null) =>
  !camera ? "auto" : camera.type === "master" ? camera.shot : `${camera.axis}${camera.value < 0 ? "-" : "+"}`;

const clock = (seconds: number) => `0:${String(seconds).padStart(2, "0")}`;

function Timeline({ shots, total, cost }: { shots: { duration: number }[]; total: number; cost: number | null }) {
  const starts = shotStarts(shots);
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-baseline justify-between text-sm">
        <span className="font-medium text-zinc-200">Timeline</span>
        <span className="text-zinc-300 tabular-nums" data-testid="storyboard-total">
          {total} s of {MAX_TOTAL} s{cost !== null && <> · {cost} credits</>}
        </span>
      </div>
      <ol className="flex h-8 overflow-hidden rounded-md bg-zinc-800" aria-label={`Timeline: ${shots.map((s, i) => `shot ${i + 1}, ${s.duration} s from ${clock(starts[i]!)}`).join("; ")}`}>
        {shots.map((shot, i) => (
          <li
            key={i}
            style={{ width: `${(100 * shot.duration) / MAX_TOTAL}%` }}
            className={clsx("flex items-center justify-center overflow-hidden border-r border-zinc-950 text-xs font-medium text-white tabular-nums", SHADES[i % SHADES.length])}
            title={`Shot ${i + 1}: ${shot.duration} s`}
          >
            {shot.duration} s
          </li>
        ))}
      </ol>
    </div>
  );
}

function ShotCard(props: {
  shot: StudioShot;
  index: number;
  count: number;
  start: number;
  lengths: number[];
  camera: Props["camera"];
  canAdd: boolean;
  onChange(shot: StudioShot): void;
  onMove(delta: number): void;
  onDuplicate(): void;
  onRemove(): void;
  onDrop(from: number): void;
}) {
  const { shot, index, count, start, camera } = props;
  const id = useId();
  const n = index + 1;
  const moves = MOVES.filter((m) => !m.camera || camera === "all" || (camera === "axis" && m.camera.type === "axis"));
  const button = "rounded-md border border-zinc-700 px-2 py-1 text-xs text-zinc-300 hover:border-zinc-500 disabled:cursor-not-allowed disabled:opacity-40";
  return (
    <li
      draggable
      onDragStart={(e) => e.dataTransfer.setData("text/x-shot", String(index))}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const from = Number(e.dataTransfer.getData("text/x-shot"));
        if (Number.isInteger(from) && from !== index) props.onDrop(from);
      }}
      aria-label={`Shot ${n}`}
      className="flex flex-col gap-2 rounded-xl border border-zinc-800 bg-zinc-900/70 p-3"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-sm font-medium text-zinc-200">
          <span className={clsx("mr-1.5 inline-block size-2.5 rounded-full", SHADES[index % SHADES.length])} aria-hidden />
          Shot {n} <span className="font-normal text-zinc-500 tabular-nums">from {clock(start)}</span>
        </span>
        <div className="flex flex-wrap gap-1">
          <button type="button" className={button} disabled={index === 0} onClick={() => props.onMove(-1)} aria-label={`Move shot ${n} earlier`}>
            ↑
          </button>
          <button type="button" className={button} disabled={index === count - 1} onClick={() => props.onMove(1)} aria-label={`Move shot ${n} later`}>
            ↓
          </button>
          <button type="button" className={button} disabled={!props.canAdd} onClick={props.onDuplicate} aria-label={`Duplicate shot ${n}`}>
            Duplicate
          </button>
          <button type="button" className={button} disabled={count <= 2} onClick={props.onRemove} aria-label={`Remove shot ${n}`}>
            Remove
          </button>
        </div>
      </div>
      <label htmlFor={`${id}-prompt`} className="sr-only">
        Shot {n} prompt
      </label>
      <textarea
        id={`${id}-prompt`}
        value={shot.prompt}
        rows={2}
        maxLength={SHOT_PROMPT_MAX}
        placeholder={index === 0 ? "A harbour at dawn, fishing boats at rest" : "What this shot shows"}
        onChange={(e) => props.onChange({ ...shot, prompt: e.target.value })}
        className="resize-y rounded-lg border border-zinc-700 bg-zinc-900/80 p-2 text-sm text-zinc-100 placeholder:text-zinc-600 focus:border-accent-400 focus:outline-none"
      />
      <div className="grid grid-cols-[auto_1fr] items-center gap-2 sm:grid-cols-[auto_auto_auto_1fr]">
        <label htmlFor={`${id}-length`} className="text-xs text-zinc-400">
          Length
        </label>
        <select
          id={`${id}-length`}
          value={shot.duration}
          onChange={(e) => props.onChange({ ...shot, duration: Number(e.target.value) })}
          className="h-8 rounded-md border border-zinc-700 bg-zinc-900 px-2 text-sm text-zinc-100 tabular-nums"
        >
          {props.lengths.map((s) => (
            <option key={s} value={s}>
              {s} s
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-camera`} className="text-xs text-zinc-400">
          Camera
        </label>
        <select
          id={`${id}-camera`}
          value={moveKey(shot.camera)}
          disabled={camera === "none"}
          title={camera === "none" ? "The engine moves the camera by itself: describe the move in the shot's prompt." : undefined}
          onChange={(e) => props.onChange({ ...shot, camera: MOVES.find((m) => m.key === e.target.value)!.camera })}
          className="h-8 min-w-0 rounded-md border border-zinc-700 bg-zinc-900 px-2 text-sm text-zinc-100 disabled:opacity-50"
        >
          {moves.map((m) => (
            <option key={m.key} value={m.key}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
    </li>
  );
}

/** The storyboard: custom shot cards (prompt, length, camera; reorder, duplicate, remove) or an automatic split, over a timeline. */
export function StoryboardEditor({ settings, camera, cost, onChange }: Props) {
  const { storyboard } = settings;
  const [announce, setAnnounce] = useState("");
  const setShots = (shots: StudioShot[], said = "") => {
    onChange({ storyboard: { ...storyboard, shots }, duration: totalOf(shots) });
    setAnnounce(said);
  };
  const planned = plannedShots(storyboard, settings.prompt, settings.duration);
  const starts = shotStarts(planned);
  return (
    <section aria-label="Storyboard" className="flex flex-col gap-4 rounded-xl border border-zinc-800 bg-zinc-950/40 p-3 sm:p-4">
      <Segmented
        label="Storyboard"
        value={storyboard.type}
        options={[
          { value: "custom", label: "Custom shots" },
          { value: "automatic", label: "Automatic" },
        ]}
        onChange={(type) => onChange({ storyboard: { ...storyboard, type }, ...(type === "custom" ? { duration: totalOf(storyboard.shots) } : {}) })}
      />
      <Timeline shots={planned} total={storyboard.type === "custom" ? totalOf(planned) : settings.duration} cost={cost} />
      {storyboard.type === "custom" ? (
        <>
          <ol className="flex flex-col gap-3">
            {storyboard.shots.map((shot, i) => (
              <ShotCard
                key={shot.id}
                shot={shot}
                index={i}
                count={storyboard.shots.length}
                start={starts[i] ?? 0}
                lengths={lengthChoices(storyboard.shots, i)}
                camera={camera}
                canAdd={canAdd(storyboard.shots)}
                onChange={(next) => setShots(storyboard.shots.map((s, k) => (k === i ? next : s)))}
                onMove={(delta) => setShots(moveShot(storyboard.shots, i, delta), `Shot ${i + 1} is now shot ${i + 1 + delta}.`)}
                onDuplicate={() => setShots(duplicateShot(storyboard.shots, i), `Shot ${i + 1} duplicated.`)}
                onRemove={() => setShots(removeShot(storyboard.shots, i), `Shot ${i + 1} removed.`)}
                onDrop={(from) => setShots(moveShot(storyboard.shots, from, i - from), `Shot ${from + 1} is now shot ${i + 1}.`)}
              />
            ))}
          </ol>
          <button
            type="button"
            disabled={!canAdd(storyboard.shots)}
            onClick={() => setShots(addShot(storyboard.shots), `Shot ${storyboard.shots.length + 1} added.`)}
            className="self-start rounded-md border border-dashed border-zinc-600 px-3 py-1.5 text-sm text-zinc-300 hover:border-zinc-400 disabled:cursor-not-allowed disabled:opacity-40"
          >
            + Add shot
          </button>
          <p className="text-xs text-zinc-500">2 to 6 shots, {MAX_TOTAL} s in all. Each shot cuts hard to the next; drag a card or use ↑ ↓ to reorder.</p>
        </>
      ) : (
        <div className="flex flex-col gap-2">
          <p className="text-xs text-zinc-400">The prompt is split into shots at each sentence and at “then”, its length shared evenly. These shots are made:</p>
          {planned.length ? (
            <ol className="flex flex-col gap-1.5" aria-label="Shots from the prompt">
              {planned.map((shot, i) => (
                <li key={i} className="rounded-lg border border-zinc-800 px-3 py-2 text-sm text-zinc-300">
                  <span className="font-medium text-zinc-200">Shot {i + 1}</span> <span className="text-zinc-500 tabular-nums">{clock(starts[i]!)} · {shot.duration} s</span> — {shot.prompt}
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-zinc-500">Write the prompt above to see its shots.</p>
          )}
        </div>
      )}
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
    </section>
  );
}

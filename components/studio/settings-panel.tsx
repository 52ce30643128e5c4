"use client";

import Link from "next/link";
import { useId } from "react";
import type { StudioCapabilities } from "@/lib/engines/routing";
import { capabilitiesFor, offeredLengths, offersMode } from "./fit-capabilities";
import { Segmented } from "./segmented";
import type { StudioTab, TabSettings } from "./studio-store";

const MAX_SEED = 2_147_483_647;

type Props = { tab: StudioTab; settings: TabSettings; professionalAllowed: boolean; capabilities: StudioCapabilities; onChange(patch: Partial<TabSettings>): void };

const NOT_OFFERED = "Not offered by this server's video engine";

/** A choice the configured engine may not offer: disabled, with the reason as its hint. */
const offeredOnly = (offered: boolean) => ({ disabled: !offered, hint: offered ? undefined : NOT_OFFERED });

export function SettingsPanel({ tab, settings: s, professionalAllowed, capabilities, onChange }: Props) {
  const id = useId();
  const can = capabilitiesFor(capabilities, tab, s);
  const lengths = offeredLengths(capabilities, tab, s.mode);
  // A custom storyboard's length is its shots' total, set in the storyboard editor.
  const lengthFromShots = s.storyboard.on && s.storyboard.type === "custom";
  return (
    <div className="flex flex-col gap-5">
      {can.cfgScale && (
        <div className="flex flex-col gap-1.5">
          <div className="flex items-baseline justify-between">
            <label htmlFor={`${id}-cfg`} className="text-sm font-medium text-zinc-200">
              Creativity ↔ Relevance
            </label>
            <span className="text-sm text-zinc-300 tabular-nums">{s.cfgScale.toFixed(2)}</span>
          </div>
          <input
            id={`${id}-cfg`}
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={s.cfgScale}
            aria-valuetext={`${s.cfgScale.toFixed(2)}: ${s.cfgScale < 0.34 ? "more creative" : s.cfgScale > 0.66 ? "closer to the prompt" : "balanced"}`}
            onChange={(e) => onChange({ cfgScale: Number(e.target.value) })}
            className="accent-accent-500"
          />
          <div className="flex justify-between text-xs text-zinc-500" aria-hidden>
            <span>Creativity</span>
            <span>Relevance</span>
          </div>
        </div>
      )}

      <div className="flex flex-col gap-1.5">
        <Segmented
          label="Mode"
          value={s.mode}
          options={[
            { value: "standard", label: "Standard 720p", ...offeredOnly(offersMode(capabilities, tab, "standard")) },
            {
              value: "professional",
              label: "Pro 1080p",
              ...(professionalAllowed ? offeredOnly(offersMode(capabilities, tab, "professional")) : { disabled: true, hint: "Included from the Standard plan" }),
            },
          ]}
          onChange={(mode) => onChange({ mode })}
        />
        {!professionalAllowed && (
          <p className="text-xs text-zinc-500">
            Professional mode is included from the Standard plan.{" "}
            <Link href="/pricing" className="text-accent-400 hover:underline">
              Upgrade
            </Link>
          </p>
        )}
      </div>

      {lengthFromShots ? (
        <p className="text-sm text-zinc-300">
          Length: <span className="tabular-nums">{s.duration} s</span> <span className="text-xs text-zinc-500">(the shots&apos; total)</span>
        </p>
      ) : (
        <Segmented
          label="Length"
          value={s.duration}
          wrap={lengths.length > 2}
          options={(lengths.length ? lengths : [5, 10]).map((value) => ({ value, label: `${value} s`, ...offeredOnly(lengths.includes(value as (typeof lengths)[number])) }))}
          onChange={(duration) => onChange({ duration })}
        />
      )}
      <div className="grid grid-cols-2 gap-4">
        <Segmented
          label="Videos"
          value={s.count}
          options={[1, 2, 3, 4].map((n) => ({ value: n, label: String(n) }))}
          onChange={(count) => onChange({ count })}
        />
      </div>

      {tab === "text_to_video" ? (
        <Segmented
          label="Aspect ratio"
          value={s.aspectRatio}
          options={[
            { value: "16:9", label: "16:9" },
            { value: "9:16", label: "9:16" },
            { value: "1:1", label: "1:1" },
          ]}
          onChange={(aspectRatio) => onChange({ aspectRatio })}
        />
      ) : (
        <p className="text-xs text-zinc-500">The video takes the aspect ratio of the start frame.</p>
      )}

      <div className="flex items-center justify-between gap-4">
        <label htmlFor={`${id}-audio`} className="text-sm font-medium text-zinc-200">
          Ambient audio
          <span className="block text-xs font-normal text-zinc-500">{can.audio ? "Costs more per second" : `${NOT_OFFERED} in ${s.mode} mode`}</span>
        </label>
        <button
          id={`${id}-audio`}
          type="button"
          role="switch"
          aria-checked={s.audio}
          disabled={!can.audio}
          onClick={() => onChange({ audio: !s.audio })}
          className={`relative h-6 w-11 rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${s.audio ? "bg-accent-500" : "bg-zinc-700"}`}
        >
          <span className={`absolute top-0.5 left-0.5 size-5 rounded-full bg-white transition-transform ${s.audio ? "translate-x-5" : ""}`} />
        </button>
      </div>

      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-seed`} className="text-sm font-medium text-zinc-200">
          Seed <span className="font-normal text-zinc-500">(optional, for repeatable results)</span>
        </label>
        <div className="flex gap-2">
          <input
            id={`${id}-seed`}
            inputMode="numeric"
            value={s.seed ?? ""}
            placeholder="Random"
            onChange={(e) => {
              const digits = e.target.value.replace(/\D/g, "").slice(0, 10);
              onChange({ seed: digits ? Math.min(Number(digits), MAX_SEED) : null });
            }}
            className="h-9 min-w-0 flex-1 rounded-md border border-zinc-700 bg-zinc-900 px-3 text-sm text-zinc-100 tabular-nums placeholder:text-zinc-600 focus:border-accent-400 focus:outline-none"
          />
          <button
            type="button"
            onClick={() => onChange({ seed: Math.floor(Math.random() * MAX_SEED) })}
            className="rounded-md border border-zinc-700 px-3 text-sm text-zinc-300 hover:border-zinc-600"
            aria-label="Shuffle seed"
          >
            Shuffle
          </button>
          {s.seed !== null && (
            <button type="button" onClick={() => onChange({ seed: null })} className="rounded-md px-2 text-sm text-zinc-400 hover:text-zinc-200" aria-label="Clear seed">
              Clear
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

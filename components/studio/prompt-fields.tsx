"use client";

import clsx from "clsx";
import { useId, useState, type ReactNode } from "react";
import { PROMPT_MAX } from "@/lib/validation/limits";
import { PromptHelper } from "./prompt-helper";

/** A prompt box with its label and a live character count against the limit. */
function CountedTextarea({ label, value, rows, placeholder, action, onChange }: { label: ReactNode; value: string; rows: number; placeholder: string; action?: ReactNode; onChange(value: string): void }) {
  const id = useId();
  const over = value.length > PROMPT_MAX;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-baseline justify-between">
        <label htmlFor={id} className="text-sm font-medium text-zinc-200">
          {label}
        </label>
        {action}
      </div>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={rows}
        aria-describedby={`${id}-count`}
        aria-invalid={over || undefined}
        placeholder={placeholder}
        className="resize-y rounded-lg border border-zinc-700 bg-zinc-900/80 p-3 text-[15px] leading-relaxed text-zinc-100 placeholder:text-zinc-600 focus:border-accent-400 focus:ring-2 focus:ring-accent-500/30 focus:outline-none"
      />
      <span id={`${id}-count`} className={clsx("self-end text-xs tabular-nums", over ? "text-red-400" : "text-zinc-500")} aria-live="polite">
        {value.length.toLocaleString("en-US")} / {PROMPT_MAX.toLocaleString("en-US")}
      </span>
    </div>
  );
}

type Props = {
  prompt: string;
  negativePrompt: string;
  required: boolean;
  /** Off for a custom storyboard, whose shots carry the prompts (the negative prompt still applies). */
  withPrompt?: boolean;
  onChange(patch: { prompt?: string; negativePrompt?: string }): void;
};

export function PromptFields({ prompt, negativePrompt, required, withPrompt = true, onChange }: Props) {
  const [helper, setHelper] = useState(false);
  return (
    <div className="flex flex-col gap-4">
      {withPrompt && <CountedTextarea
        label={<>Prompt{!required && <span className="font-normal text-zinc-500"> (optional)</span>}</>}
        value={prompt}
        rows={5}
        placeholder="A lighthouse on a basalt cliff at dusk, waves crashing below, warm rim light"
        onChange={(value) => onChange({ prompt: value })}
        action={
          <button type="button" onClick={() => setHelper((v) => !v)} aria-expanded={helper} className="text-xs font-medium text-accent-400 hover:underline">
            {helper ? "Hide prompt helper" : "Prompt helper"}
          </button>
        }
      />}
      {withPrompt && helper && <PromptHelper onUse={(text) => onChange({ prompt: text })} />}
      <CountedTextarea
        label={<>Negative prompt <span className="font-normal text-zinc-500">(what to keep out)</span></>}
        value={negativePrompt}
        rows={2}
        placeholder="blurry, text, watermark"
        onChange={(value) => onChange({ negativePrompt: value })}
      />
    </div>
  );
}

"use client";

import clsx from "clsx";
import { useId, useState } from "react";
import { PROMPT_MAX } from "@/lib/validation/generation";
import { PromptHelper } from "./prompt-helper";

function Counter({ id, length }: { id: string; length: number }) {
  const over = length > PROMPT_MAX;
  return (
    <span id={id} className={clsx("text-xs tabular-nums", over ? "text-red-400" : "text-zinc-500")} aria-live="polite">
      {length.toLocaleString("en-US")} / {PROMPT_MAX.toLocaleString("en-US")}
    </span>
  );
}

type Props = {
  prompt: string;
  negativePrompt: string;
  required: boolean;
  onChange(patch: { prompt?: string; negativePrompt?: string }): void;
};

export function PromptFields({ prompt, negativePrompt, required, onChange }: Props) {
  const id = useId();
  const [helper, setHelper] = useState(false);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <div className="flex items-baseline justify-between">
          <label htmlFor={`${id}-prompt`} className="text-sm font-medium text-zinc-200">
            Prompt{!required && <span className="font-normal text-zinc-500"> (optional)</span>}
          </label>
          <button type="button" onClick={() => setHelper((v) => !v)} aria-expanded={helper} className="text-xs font-medium text-accent-400 hover:underline">
            {helper ? "Hide prompt helper" : "Prompt helper"}
          </button>
        </div>
        {helper && <PromptHelper onUse={(text) => onChange({ prompt: text })} />}
        <textarea
          id={`${id}-prompt`}
          value={prompt}
          onChange={(e) => onChange({ prompt: e.target.value })}
          rows={5}
          aria-describedby={`${id}-prompt-count`}
          aria-invalid={prompt.length > PROMPT_MAX || undefined}
          placeholder="A lighthouse on a basalt cliff at dusk, waves crashing below, warm rim light"
          className="resize-y rounded-lg border border-zinc-700 bg-zinc-900/80 p-3 text-[15px] leading-relaxed text-zinc-100 placeholder:text-zinc-600 focus:border-accent-400 focus:ring-2 focus:ring-accent-500/30 focus:outline-none"
        />
        <div className="flex justify-end">
          <Counter id={`${id}-prompt-count`} length={prompt.length} />
        </div>
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-negative`} className="text-sm font-medium text-zinc-200">
          Negative prompt <span className="font-normal text-zinc-500">(what to keep out)</span>
        </label>
        <textarea
          id={`${id}-negative`}
          value={negativePrompt}
          onChange={(e) => onChange({ negativePrompt: e.target.value })}
          rows={2}
          aria-describedby={`${id}-negative-count`}
          aria-invalid={negativePrompt.length > PROMPT_MAX || undefined}
          placeholder="blurry, text, watermark"
          className="resize-y rounded-lg border border-zinc-700 bg-zinc-900/80 p-3 text-sm text-zinc-100 placeholder:text-zinc-600 focus:border-accent-400 focus:ring-2 focus:ring-accent-500/30 focus:outline-none"
        />
        <div className="flex justify-end">
          <Counter id={`${id}-negative-count`} length={negativePrompt.length} />
        </div>
      </div>
    </div>
  );
}

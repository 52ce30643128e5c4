"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { composePrompt, PROMPT_PARTS, type PromptParts } from "./compose-prompt";

/** Builds a prompt in the structure video models follow best: subject + motion + scene, then camera and light. */
export function PromptHelper({ onUse }: { onUse(prompt: string): void }) {
  const [parts, setParts] = useState<PromptParts>({ subject: "", action: "", scene: "", camera: "", lighting: "" });
  const preview = composePrompt(parts);
  return (
    <fieldset className="grid gap-3 rounded-xl border border-zinc-800 bg-zinc-950/60 p-3 sm:grid-cols-2">
      <legend className="px-1 text-xs text-zinc-400">Describe each part; the helper writes the prompt.</legend>
      {PROMPT_PARTS.map((part) => (
        <label key={part.key} className="flex flex-col gap-1 text-xs text-zinc-400">
          {part.label}
          <input
            value={parts[part.key]}
            onChange={(e) => setParts((p) => ({ ...p, [part.key]: e.target.value }))}
            placeholder={part.example}
            className="h-9 rounded-md border border-zinc-700 bg-zinc-900 px-2 text-sm text-zinc-100 placeholder:text-zinc-600 focus:border-accent-400 focus:outline-none"
          />
        </label>
      ))}
      <div className="flex flex-col gap-2 sm:col-span-2">
        <p className="min-h-5 text-sm text-zinc-300">{preview || <span className="text-zinc-600">Your prompt appears here.</span>}</p>
        <Button type="button" size="sm" variant="secondary" disabled={!preview} onClick={() => onUse(preview)} className="self-start">
          Use this prompt
        </Button>
      </div>
    </fieldset>
  );
}

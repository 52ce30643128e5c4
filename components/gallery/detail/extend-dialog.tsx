"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { CREDITS_CHANGED_EVENT } from "@/components/credits/balance-badge";
import { formatCredits } from "@/components/credits/format";
import { Button } from "@/components/ui/button";
import { sendJson } from "@/components/ui/api-fetch";
import { toast } from "@/components/ui/toast-store";
import { PROMPT_MAX } from "@/lib/validation/limits";

type Props = {
  generationId: string;
  prompt: string;
  /** What an extension costs, priced on the server; null when this video cannot be extended. */
  cost: number | null;
  seconds: number;
  /** Why it cannot be extended, shown on the disabled button. */
  blocked: string | null;
};

/** "Extend": continue the shot for a few more seconds from its last frame, with an optional new prompt. */
export function ExtendButton({ generationId, prompt, cost, seconds, blocked }: Props) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [text, setText] = useState(prompt);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function extend() {
    setBusy(true);
    setError(null);
    try {
      await sendJson("POST", `/api/generations/${generationId}/extend`, { prompt: text });
      window.dispatchEvent(new Event(CREDITS_CHANGED_EVENT));
      toast(`Extending by ${seconds} s: follow it in the Studio.`);
      router.push("/studio");
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  }

  return (
    <>
      <Button variant="secondary" disabled={Boolean(blocked)} title={blocked ?? undefined} onClick={() => dialog.current?.showModal()}>
        Extend
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        onClose={() => setError(null)}
        className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-2xl border border-zinc-800 bg-zinc-900 p-6 text-zinc-100 shadow-2xl backdrop:bg-black/70"
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          Extend by {seconds} seconds
        </h2>
        <p className="mt-2 text-sm text-zinc-400">The shot continues from its last frame at the same mode and size; the result is one longer video in your gallery.</p>
        <label htmlFor={`${id}-prompt`} className="mt-4 block text-sm font-medium text-zinc-300">
          What happens next
        </label>
        <textarea
          id={`${id}-prompt`}
          value={text}
          maxLength={PROMPT_MAX}
          rows={3}
          onChange={(e) => setText(e.target.value)}
          className="mt-1.5 w-full resize-y rounded-xl border border-zinc-800 bg-zinc-950 px-3 py-2 text-sm text-zinc-100 outline-none focus:border-accent-500"
        />
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-400">
            {error}
          </p>
        )}
        <div className="mt-6 flex items-center justify-end gap-2">
          <Button variant="ghost" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button disabled={busy || cost === null} onClick={() => void extend()}>
            {busy ? "Submitting…" : `Extend · ${formatCredits(cost ?? 0)} credits`}
          </Button>
        </div>
      </dialog>
    </>
  );
}

"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

type Props = { onConfirm(): Promise<string | null> };

/** "Delete" and its confirmation: a modal dialog (focus held inside, Escape cancels) that says what goes. */
export function DeleteButton({ onConfirm }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const failure = await onConfirm();
    setBusy(false);
    if (failure) setError(failure);
  }

  return (
    <>
      <Button variant="secondary" className="text-red-300 hover:text-red-200" onClick={() => dialog.current?.showModal()}>
        Delete
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onClose={() => setError(null)}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-zinc-800 bg-zinc-900 p-6 text-zinc-100 shadow-2xl backdrop:bg-black/70"
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          Delete this video?
        </h2>
        <p id={`${id}-body`} className="mt-2 text-sm text-zinc-400">
          The video and its poster are deleted for good. The credits it cost stay spent.
        </p>
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-400">
            {error}
          </p>
        )}
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="ghost" autoFocus onClick={() => dialog.current?.close()}>
            Keep it
          </Button>
          <Button className="bg-red-600 shadow-red-600/20 hover:bg-red-700" disabled={busy} onClick={() => void confirm()}>
            {busy ? "Deleting…" : "Delete video"}
          </Button>
        </div>
      </dialog>
    </>
  );
}

"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-fetch";
import { ELEMENT_DESCRIPTION_MAX, ELEMENT_NAME_MAX, ELEMENT_TAGS, REFERENCE_IMAGES_MAX } from "@/lib/elements/limits";
import { ImageDrop } from "./image-drop";
import type { ElementView } from "./types";

type Props = {
  /** The element to edit; null creates one. */
  element: ElementView | null;
  open: boolean;
  onClose(): void;
  onSaved(element: ElementView): void;
};

/** Create or edit an element: name, description, tag, and (new, or replaced) frontal and reference pictures. */
export function ElementDialog({ element, open, onClose, onSaved }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [name, setName] = useState(element?.name ?? "");
  const [description, setDescription] = useState(element?.description ?? "");
  const [tag, setTag] = useState(element?.tag ?? "character");
  const [frontal, setFrontal] = useState<File[]>([]);
  const [references, setReferences] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const images = new FormData();
      if (frontal[0]) images.set("frontal", frontal[0]);
      for (const file of references) images.append("references", file);
      let saved: ElementView;
      if (!element) {
        images.set("name", name);
        images.set("description", description);
        images.set("tag", tag);
        const created = await apiFetch<{ element: ElementView }>("POST", "/api/elements", { body: images });
        if (!created.ok) return setError(created.message);
        saved = created.data.element;
      } else {
        const changed = await apiFetch<{ element: ElementView }>("PATCH", `/api/elements/${element.id}`, { body: { name, description, tag } });
        if (!changed.ok) return setError(changed.message);
        saved = changed.data.element;
        if (frontal.length || references.length) {
          const replaced = await apiFetch<{ element: ElementView }>("PUT", `/api/elements/${element.id}/images`, { body: images });
          if (!replaced.ok) return setError(replaced.message);
          saved = replaced.data.element;
        }
      }
      onSaved(saved);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-2xl border border-zinc-800 bg-zinc-900 p-6 text-zinc-100 shadow-2xl backdrop:bg-black/70"
    >
      <form
        method="dialog"
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {element ? `Edit ${element.name}` : "New element"}
        </h2>
        <label className="flex flex-col gap-1.5 text-sm">
          <span className="font-medium text-zinc-200">Name (the prompt says @name)</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={ELEMENT_NAME_MAX + 5} required className="rounded-lg border border-zinc-700 bg-zinc-950 px-3 py-2" />
        </label>
        <label className="flex flex-col gap-1.5 text-sm">
          <span className="font-medium text-zinc-200">Description</span>
          <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={ELEMENT_DESCRIPTION_MAX} className="rounded-lg border border-zinc-700 bg-zinc-950 px-3 py-2" />
        </label>
        <label className="flex flex-col gap-1.5 text-sm">
          <span className="font-medium text-zinc-200">Tag</span>
          <select value={tag} onChange={(e) => setTag(e.target.value)} className="rounded-lg border border-zinc-700 bg-zinc-950 px-3 py-2">
            {ELEMENT_TAGS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <ImageDrop label="Frontal image" hint={element ? "Drop a new frontal image to replace the pictures" : "Drop the subject seen from the front"} files={frontal} max={1} onChange={setFrontal} />
        <ImageDrop label="Reference images" hint={`1 to ${REFERENCE_IMAGES_MAX} more pictures of the same subject`} files={references} max={REFERENCE_IMAGES_MAX + 1} onChange={setReferences} />
        {error && (
          <p role="alert" className="text-sm text-red-300">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy}>
            {busy ? "Saving…" : element ? "Save" : "Create element"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

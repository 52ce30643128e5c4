"use client";

import { useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/ui/api-fetch";
import { closestNames, findMentions, typedWord } from "@/lib/elements/mentions";
import type { StudioReference, TabSettings } from "./studio-store";

type ElementItem = { id: string; name: string; tag: string; frontalImage: { url: string } | null };
type UploadResponse = { asset: { id: string; url: string } };

/** The `@word` being typed at the end of the prompt (where suggestions apply), or null. */
function typing(prompt: string): { at: number; word: string } | null {
  const at = prompt.lastIndexOf("@");
  if (at < 0) return null;
  const word = typedWord(prompt, at);
  return prompt.slice(at + 1 + word.length).length === 0 ? { at, word } : null;
}

/**
 * Under the prompt: suggestions for the `@name` being typed (the user's elements) and the chosen
 * references as chips. Elements mentioned in the prompt become chips by themselves; a plain
 * reference picture is added with the button. Loaded by the studio only once it is needed.
 */
export function References({ prompt, references, max, onChange }: { prompt: string; references: StudioReference[]; max: number; onChange(patch: Partial<TabSettings>): void }) {
  const [elements, setElements] = useState<ElementItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void apiFetch<{ elements: ElementItem[] }>("GET", "/api/elements").then((result) => (result.ok ? setElements(result.data.elements) : setError(result.message)));
  }, []);

  // Mentioned elements are shown as chips (the server adds them to the request either way).
  useEffect(() => {
    if (!elements) return;
    const { matched } = findMentions(prompt, elements.map((e) => e.name));
    const missing = matched
      .map((m) => elements.find((e) => e.name.toLowerCase() === m.name.toLowerCase())!)
      .filter((e, i, all) => all.indexOf(e) === i && !references.some((r) => r.kind === "element" && r.elementId === e.id));
    if (missing.length) onChange({ references: [...references, ...missing.map((e) => ({ kind: "element" as const, elementId: e.id, name: e.name, url: e.frontalImage?.url ?? null }))] });
  }, [prompt, elements, references, onChange]);

  const current = typing(prompt);
  const names = elements?.map((e) => e.name) ?? [];
  const suggestions = current && elements ? closestNames(current.word, names, 5).filter((n) => !current.word || n.toLowerCase().startsWith(current.word.toLowerCase())) : [];

  function choose(name: string) {
    if (!current) return;
    onChange({ prompt: `${prompt.slice(0, current.at)}@${name} ` });
  }

  async function addImage(file: File) {
    setError(null);
    const form = new FormData();
    form.set("file", file);
    const result = await apiFetch<UploadResponse>("POST", "/api/uploads", { body: form });
    if (!result.ok) return setError(result.message);
    onChange({ references: [...references, { kind: "image", imageId: result.data.asset.id, name: file.name, url: result.data.asset.url }] });
  }

  return (
    <div className="flex flex-col gap-2">
      {suggestions.length > 0 && (
        <ul role="listbox" aria-label="Elements" className="flex flex-wrap gap-2">
          {suggestions.map((name) => (
            <li key={name} role="option" aria-selected={false}>
              <button type="button" onClick={() => choose(name)} className="rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1 text-sm text-zinc-100 hover:border-accent-400">
                @{name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {current && elements && suggestions.length === 0 && (
        <p className="text-xs text-zinc-500">{elements.length ? `No element named @${current.word}.` : "You have no elements yet: create one on the Elements page."}</p>
      )}
      <ul aria-label="References" className="flex flex-wrap items-center gap-2">
        {references.map((reference, i) => (
          <li key={reference.kind === "element" ? reference.elementId : reference.imageId} className="flex items-center gap-1.5 rounded-full border border-zinc-700 bg-zinc-900 py-0.5 pr-1 pl-0.5 text-sm">
            {reference.url && (
              // eslint-disable-next-line @next/next/no-img-element -- an authorised media URL, not a static asset
              <img src={reference.url} alt="" className="size-6 rounded-full object-cover" />
            )}
            <span>{reference.kind === "element" ? `@${reference.name}` : reference.name}</span>
            <button type="button" aria-label={`Remove ${reference.name}`} onClick={() => onChange({ references: references.filter((_, j) => j !== i) })} className="rounded-full px-1.5 text-zinc-400 hover:text-white">
              ×
            </button>
          </li>
        ))}
        {references.length < max && (
          <li>
            <button type="button" onClick={() => picker.current?.click()} className="text-xs font-medium text-accent-400 hover:underline">
              Add reference image
            </button>
            <input ref={picker} type="file" accept="image/jpeg,image/png,image/webp" hidden onChange={(e) => e.target.files?.[0] && void addImage(e.target.files[0])} />
          </li>
        )}
      </ul>
      <p className="text-xs text-zinc-500">
        {references.length} of {max} references{max === 0 ? ": this server's engine takes none in this mode" : ""}.
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

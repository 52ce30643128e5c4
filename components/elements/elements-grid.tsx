"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ElementDialog } from "./element-dialog";
import type { ElementView } from "./types";

/** The user's elements as a grid (frontal image, name, tag), with the create/edit dialog and an empty state. */
export function ElementsGrid({ initial }: { initial: ElementView[] }) {
  const [elements, setElements] = useState(initial);
  const [editing, setEditing] = useState<ElementView | null | undefined>(undefined);

  function saved(element: ElementView) {
    setElements((list) => [element, ...list.filter((e) => e.id !== element.id)]);
    setEditing(undefined);
  }

  return (
    <div className="flex flex-col gap-6">
      <div>
        <Button onClick={() => setEditing(null)}>New element</Button>
      </div>
      {elements.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-zinc-800 p-10 text-center text-zinc-400">
          <p className="text-lg text-zinc-200">No elements yet</p>
          <p className="mt-1">Save a character, pet or product once from a few pictures, then write @its-name in any prompt to keep it the same across videos.</p>
        </div>
      ) : (
        <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label="Elements">
          {elements.map((element) => (
            <li key={element.id} className="overflow-hidden rounded-xl border border-zinc-800 bg-zinc-900/60">
              <Link href={`/elements/${element.id}`} className="block aspect-square bg-zinc-950">
                {element.frontalImage && (
                  // eslint-disable-next-line @next/next/no-img-element -- an authorised media URL, not a static asset
                  <img src={element.frontalImage.url} alt={element.name} loading="lazy" className="size-full object-cover" />
                )}
              </Link>
              <div className="flex items-center justify-between gap-2 p-3">
                <div className="min-w-0">
                  <p className="truncate font-medium">{element.name}</p>
                  <p className="text-xs text-zinc-400">{element.tag}</p>
                </div>
                <Button variant="ghost" size="sm" onClick={() => setEditing(element)} aria-label={`Edit ${element.name}`}>
                  Edit
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing !== undefined && <ElementDialog key={editing?.id ?? "new"} element={editing} open onClose={() => setEditing(undefined)} onSaved={saved} />}
    </div>
  );
}

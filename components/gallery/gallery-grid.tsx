"use client";

import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { Button, ButtonLink } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import type { GenerationView } from "@/lib/generations/present";
import { withQueuePlaces } from "@/lib/generations/queue-place";
import { GalleryCard } from "./gallery-card";
import { createGalleryStore } from "./gallery-store";
import { isFiltered, type GalleryQuery } from "./query";

type Props = { query: GalleryQuery; first: { items: GenerationView[]; next: string | null }; timeZone: string };

/** The grid for one set of filters (remounted when they change), newest first, with "Load more". */
export function GalleryGrid({ query, first, timeZone }: Props) {
  const [store] = useState(() => createGalleryStore(query, first));
  const items = useStore(store, (s) => s.items);
  const next = useStore(store, (s) => s.next);
  const loading = useStore(store, (s) => s.loading);
  const error = useStore(store, (s) => s.error);

  // Videos made while the gallery is open appear, and ones in progress update, without a reload.
  useEffect(() => {
    const source = new EventSource("/api/generations/events");
    source.addEventListener("generation", (event) => store.getState().receive(JSON.parse((event as MessageEvent<string>).data) as GenerationView));
    source.addEventListener("queue", (event) => withQueuePlaces(store.getState().items, JSON.parse((event as MessageEvent<string>).data)).forEach(store.getState().receive));
    // Too many of the account's tabs are live: this one stops updating rather than close another by reconnecting.
    source.addEventListener("superseded", () => source.close());
    return () => source.close();
  }, [store]);

  if (items.length === 0) return isFiltered(query) ? <NoMatches /> : <NoVideosYet />;

  async function favorite(id: string, value: boolean) {
    const failure = await store.getState().setFavorite(id, value);
    if (failure) toast(failure, "error");
  }

  return (
    <div className="flex flex-col gap-6">
      <ul aria-label="Your videos" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
        {items.map((g) => (
          <GalleryCard key={g.id} generation={g} timeZone={timeZone} onFavorite={(value) => void favorite(g.id, value)} />
        ))}
      </ul>
      <p role="status" className="sr-only">
        {`Showing ${items.length} ${items.length === 1 ? "video" : "videos"}${next ? "; more below" : ""}.`}
      </p>
      {error && (
        <p role="alert" className="text-center text-sm text-red-400">
          {error}
        </p>
      )}
      {next && (
        <Button variant="secondary" className="self-center" disabled={loading} onClick={() => void store.getState().loadMore()}>
          {loading ? "Loading…" : "Load more"}
        </Button>
      )}
    </div>
  );
}

function NoVideosYet() {
  return (
    <div className="flex flex-col items-center gap-4 rounded-2xl border border-dashed border-zinc-800 bg-zinc-900/40 px-6 py-16 text-center">
      <h2 className="text-lg font-semibold">Your videos will appear here</h2>
      <p className="max-w-md text-sm text-zinc-400">Open the Studio, write a prompt or drop a frame, pick a camera move and press Generate. Every clip you make lands in this gallery.</p>
      <ButtonLink href="/studio">Open the Studio</ButtonLink>
    </div>
  );
}

function NoMatches() {
  return (
    <div className="flex flex-col items-center gap-3 rounded-2xl border border-dashed border-zinc-800 bg-zinc-900/40 px-6 py-12 text-center">
      <h2 className="text-lg font-semibold">Nothing matches these filters</h2>
      <p className="max-w-md text-sm text-zinc-400">Try other words, another kind or status, or show every video.</p>
      <ButtonLink href="/gallery" variant="secondary">
        Clear filters
      </ButtonLink>
    </div>
  );
}

"use client";

import { createStore } from "zustand/vanilla";
import type { GenerationView } from "@/lib/generations/present";
import { apiUrl, matchesQuery, PAGE_SIZE, type GalleryQuery } from "./query";

export type GalleryState = {
  items: GenerationView[];
  next: string | null;
  loading: boolean;
  error: string | null;
  loadMore(): Promise<void>;
  /** A live change: a listed generation is updated in place; a new one that fits the filters goes first. */
  receive(g: GenerationView): void;
  /** Sets the favourite at once and sends it; an error puts it back and says so. */
  setFavorite(id: string, favorite: boolean): Promise<string | null>;
};

type Page = { generations?: GenerationView[]; next?: string | null; error?: { message: string } };

/** One gallery listing (a set of filters): its pages so far, created from the server's first page. */
export function createGalleryStore(query: GalleryQuery, first: { items: GenerationView[]; next: string | null }) {
  return createStore<GalleryState>()((set, get) => {
    const patch = (id: string, favorite: boolean) => set((s) => ({ items: s.items.map((g) => (g.id === id ? { ...g, favorite } : g)) }));
    return {
      ...first,
      loading: false,
      error: null,
      async loadMore() {
        const { next, loading } = get();
        if (!next || loading) return;
        set({ loading: true, error: null });
        const response = await fetch(apiUrl(query, next, PAGE_SIZE), { cache: "no-store" }).catch(() => null);
        const body = (await response?.json().catch(() => null)) as Page | null;
        if (!response?.ok || !body?.generations) {
          set({ loading: false, error: body?.error?.message ?? "Could not load more videos. Try again." });
          return;
        }
        const seen = new Set(get().items.map((g) => g.id));
        set((s) => ({ loading: false, items: [...s.items, ...body.generations!.filter((g) => !seen.has(g.id))], next: body.next ?? null }));
      },
      receive(g) {
        set((s) => {
          if (s.items.some((item) => item.id === g.id)) return { items: s.items.map((item) => (item.id === g.id ? g : item)) };
          return matchesQuery(query, g) ? { items: [g, ...s.items] } : s;
        });
      },
      async setFavorite(id, favorite) {
        patch(id, favorite);
        const error = await sendFavorite(id, favorite);
        if (error) patch(id, !favorite);
        return error;
      },
    };
  });
}

/** PATCHes the favourite; the message to show when it did not stick, else null. */
export async function sendFavorite(id: string, favorite: boolean): Promise<string | null> {
  const response = await fetch(`/api/generations/${id}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ favorite }),
  }).catch(() => null);
  if (response?.ok) return null;
  const body = (await response?.json().catch(() => null)) as { error?: { message: string } } | null;
  return body?.error?.message ?? "Could not save the favourite. Check your connection and try again.";
}

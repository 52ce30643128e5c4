"use client";

import { createStore } from "zustand/vanilla";
import { apiFetch } from "@/components/ui/api-fetch";
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

/** GET /api/generations. */
type Page = { generations: GenerationView[]; next: string | null };

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
        const result = await apiFetch<Page>("GET", apiUrl(query, next, PAGE_SIZE), { fallback: "Could not load more videos. Try again." });
        if (!result.ok) {
          set({ loading: false, error: result.message });
          return;
        }
        const seen = new Set(get().items.map((g) => g.id));
        set((s) => ({ loading: false, items: [...s.items, ...result.data.generations.filter((g) => !seen.has(g.id))], next: result.data.next }));
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
  const result = await apiFetch("PATCH", `/api/generations/${id}`, { body: { favorite }, fallback: "Could not save the favourite. Check your connection and try again." });
  return result.ok ? null : result.message;
}

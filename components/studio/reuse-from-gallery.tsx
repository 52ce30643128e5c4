"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { apiFetch } from "@/components/ui/api-fetch";
import { toast } from "@/components/ui/toast-store";
import type { FrameView, GenerationView } from "@/lib/generations/present";
import { reuseSettings } from "./reuse";
import { useStudioStore } from "./studio-store";

/** GET /api/generations/<id>. */
type Detail = { generation: GenerationView; frames: { start: FrameView | null; end: FrameView | null } };

/** Resolves once the persisted settings are back, so what is loaded after it is not overwritten by them. */
function hydrated(): Promise<void> {
  const { persist } = useStudioStore;
  if (persist.hasHydrated()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = persist.onFinishHydration(() => {
      stop();
      resolve();
    });
  });
}

/**
 * `/studio?reuse=<id>` (the gallery's "Reuse settings"): fills the matching tab with that
 * generation's settings, then drops the parameter so a reload keeps what the user edits next.
 */
function useReuse(): void {
  const id = useSearchParams().get("reuse");
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (!id) return;
    let cancelled = false;
    void (async () => {
      const result = await apiFetch<Detail>("GET", `/api/generations/${encodeURIComponent(id)}`, { fallback: "Could not load that video's settings. Try again from the gallery." });
      await hydrated();
      if (cancelled) return;
      const reuse = result.ok ? reuseSettings(result.data.generation, result.data.frames) : null;
      if (reuse) useStudioStore.getState().load(reuse.tab, reuse.settings);
      else toast(result.ok ? "The studio cannot make this kind of video yet." : result.message, "error");
      router.replace(pathname, { scroll: false });
    })();
    return () => {
      cancelled = true;
    };
  }, [id, pathname, router]);
}

/** Renders nothing; its own component so reading the URL's search params suspends only it. */
export function ReuseFromGallery() {
  useReuse();
  return null;
}

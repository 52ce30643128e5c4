"use client";

import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";
import type { CameraControl } from "@/lib/validation/generation";

export type StudioTab = "text_to_video" | "image_to_video";
export type Frame = { assetId: string; url: string; width: number; height: number; name: string };
/** A chip under the prompt: a saved element (mentioned as @name) or a plain reference picture. */
export type StudioReference = { kind: "element"; elementId: string; name: string; url: string | null } | { kind: "image"; imageId: string; name: string; url: string };

/** One shot card of the storyboard editor (`id` keys the card across reorders). */
export type StudioShot = { id: string; prompt: string; duration: number; camera: CameraControl | null };
/** custom: the creator writes each shot; automatic: the prompt is split into shots (shown before Generate). */
export type StoryboardSettings = { on: boolean; type: "custom" | "automatic"; shots: StudioShot[] };

export const DEFAULT_STORYBOARD: StoryboardSettings = {
  on: false,
  type: "custom",
  shots: [
    { id: "shot-1", prompt: "", duration: 3, camera: null },
    { id: "shot-2", prompt: "", duration: 2, camera: null },
  ],
};

export type TabSettings = {
  prompt: string;
  negativePrompt: string;
  cfgScale: number;
  mode: "standard" | "professional";
  /** Seconds (3–15, as the engine offers); a custom storyboard's is the sum of its shots. */
  duration: number;
  aspectRatio: "16:9" | "9:16" | "1:1";
  count: number;
  audio: boolean;
  seed: number | null;
  camera: CameraControl | null;
  startFrame: Frame | null;
  endFrame: Frame | null;
  /** Absent in settings saved before references existed. */
  references?: StudioReference[];
  storyboard: StoryboardSettings;
};

export const DEFAULT_SETTINGS: TabSettings = {
  prompt: "",
  negativePrompt: "",
  cfgScale: 0.5,
  mode: "standard",
  duration: 5,
  aspectRatio: "16:9",
  count: 1,
  audio: false,
  seed: null,
  camera: null,
  startFrame: null,
  endFrame: null,
  storyboard: DEFAULT_STORYBOARD,
};

type StudioState = {
  tab: StudioTab;
  settings: Record<StudioTab, TabSettings>;
  setTab(tab: StudioTab): void;
  update(patch: Partial<TabSettings>): void;
  /** Opens a tab with the given settings (reuse settings from the gallery). */
  load(tab: StudioTab, settings: Partial<TabSettings>): void;
};

/** The studio's settings, one set per tab, kept across reloads. */
export const useStudioStore = create<StudioState>()(
  persist(
    (set) => ({
      tab: "text_to_video",
      settings: { text_to_video: DEFAULT_SETTINGS, image_to_video: DEFAULT_SETTINGS },
      setTab: (tab) => set({ tab }),
      update: (patch) => set((s) => ({ settings: { ...s.settings, [s.tab]: { ...s.settings[s.tab], ...patch } } })),
      load: (tab, settings) => set((s) => ({ tab, settings: { ...s.settings, [tab]: { ...DEFAULT_SETTINGS, ...settings } } })),
    }),
    {
      name: "reelsmith-studio",
      version: 2,
      storage: createJSONStorage(() => localStorage),
      // Version 1 had no storyboard: saved tabs get the defaults for what they lack.
      migrate: (saved, version) => {
        const state = saved as Pick<StudioState, "tab" | "settings">;
        if (version >= 2 || !state?.settings) return state;
        const fill = (tab: StudioTab) => ({ ...DEFAULT_SETTINGS, ...state.settings[tab] });
        return { ...state, settings: { text_to_video: fill("text_to_video"), image_to_video: fill("image_to_video") } };
      },
      // Rehydrated after mount, so the server's render and the first client render agree.
      skipHydration: true,
    },
  ),
);

export function useActiveSettings(): [StudioTab, TabSettings] {
  const tab = useStudioStore((s) => s.tab);
  const settings = useStudioStore((s) => s.settings[s.tab]);
  return [tab, settings];
}

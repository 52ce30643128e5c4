"use client";

import { lazy } from "react";

/**
 * Parts of the studio kept out of its first load: each is its own chunk (React.lazy, no loader library),
 * fetched when it first renders (or, for panels every visit shows, as soon as the studio's code runs),
 * behind a <Suspense> whose fallback has its size so nothing moves when it arrives. Server-rendered pages come with their HTML and hydrate once the chunk is in; the form
 * above them hydrates without waiting. A new panel (a tab, a dialog) that is not needed to type a prompt
 * and press Generate belongs here too.
 */

/** For panels every load shows: their chunk is requested as soon as this module runs, not when hydration reaches them. */
function early<T>(load: () => Promise<T>): () => Promise<T> {
  const loading = load();
  return () => loading;
}

/** The start/end frame drop areas (and react-dropzone): with the Image to Video tab. */
export const FrameDrop = lazy(() => import("./frame-drop").then((m) => ({ default: m.FrameDrop })));

/** The camera moves, their picker and animated preview. */
export const CameraControls = lazy(early(() => import("./camera-controls").then((m) => ({ default: m.CameraControls }))));

/** Relevance, mode, length, aspect ratio, count, audio and seed. */
export const SettingsPanel = lazy(early(() => import("./settings-panel").then((m) => ({ default: m.SettingsPanel }))));

/** The job feed, its cards and player, and the event stream that fills it. */
export const JobFeed = lazy(early(() => import("./job-feed").then((m) => ({ default: m.JobFeed }))));

/** The @mention suggestions and reference chips: once the prompt mentions something or a reference is chosen. */
export const References = lazy(() => import("./references").then((m) => ({ default: m.References })));

/** The storyboard's shot cards and timeline: when the storyboard is switched on. */
export const StoryboardEditor = lazy(() => import("./storyboard-editor").then((m) => ({ default: m.StoryboardEditor })));

/** `?reuse=<id>` from the gallery: loads that video's settings. Renders nothing. */
export const ReuseFromGallery = lazy(() => import("./reuse-from-gallery").then((m) => ({ default: m.ReuseFromGallery })));

export function FrameDropPlaceholder() {
  return <div aria-hidden className="mt-6.5 min-h-36 rounded-xl border border-dashed border-zinc-700 bg-zinc-900/50" />;
}

/** Holds a settings column's place while its chunk loads (after a client-side navigation; a full load shows the server's HTML). */
export function PanelPlaceholder() {
  return <div aria-hidden className="min-h-96 rounded-xl bg-zinc-900/30" />;
}

export function StoryboardPlaceholder() {
  return <div aria-hidden className="min-h-64 rounded-xl border border-zinc-800 bg-zinc-950/40" />;
}

export function JobFeedPlaceholder() {
  return (
    <section aria-label="Your jobs" className="flex flex-col gap-3">
      <h2 className="text-lg font-semibold">Your jobs</h2>
      <div aria-hidden className="min-h-20 rounded-xl border border-dashed border-zinc-800" />
    </section>
  );
}

"use client";

import clsx from "clsx";
import { startTransition, Suspense, useEffect, useRef, useState } from "react";
import { CREDITS_CHANGED_EVENT } from "@/components/credits/balance-badge";
import { apiFetch } from "@/components/ui/api-fetch";
import type { StudioCapabilities } from "@/lib/engines/routing";
import type { GenerationView } from "@/lib/generations/present";
import { capabilitiesFor, fitToCapabilities, offersMode, offersStoryboard } from "./fit-capabilities";
import { GenerateBar } from "./generate-bar";
import { useJobsStore } from "./jobs-store";
import { PromptFields } from "./prompt-fields";
import {
  CameraControls,
  FrameDrop,
  FrameDropPlaceholder,
  JobFeed,
  JobFeedPlaceholder,
  PanelPlaceholder,
  References,
  ReuseFromGallery,
  SettingsPanel,
  StoryboardEditor,
  StoryboardPlaceholder,
} from "./lazy-panels";
import { buildRequest } from "./request";
import { storyboardMissing, totalOf } from "./storyboard";
import { useActiveSettings, useStudioStore, type StudioTab } from "./studio-store";
import { usePrice } from "./use-price";

const TABS: { id: StudioTab; label: string }[] = [
  { id: "text_to_video", label: "Text to Video" },
  { id: "image_to_video", label: "Image to Video" },
];

export function Studio({ professionalAllowed, capabilities }: { professionalAllowed: boolean; capabilities: StudioCapabilities }) {
  const [tab, settings] = useActiveSettings();
  const setTab = useStudioStore((s) => s.setTab);
  const update = useStudioStore((s) => s.update);
  const upsertJobs = useJobsStore((s) => s.upsert);
  const [priceKey, setPriceKey] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  // One key per intended submit: a network retry of the same click is never charged twice.
  const idempotencyKey = useRef<string | null>(null);

  useEffect(() => {
    // A transition: the saved settings reach panels still hydrating (lazy-panels.tsx) without React
    // dropping their server HTML for a placeholder.
    startTransition(() => void useStudioStore.persist.rehydrate());
  }, []);

  // A plan without professional mode never sends it (e.g. settings saved before a downgrade).
  useEffect(() => {
    if (!professionalAllowed && settings.mode === "professional") update({ mode: "standard" });
  }, [professionalAllowed, settings.mode, update]);

  // Only what the configured engine can do is sent (settings may have been saved under another engine).
  useEffect(() => {
    const patch = fitToCapabilities(tab, settings, capabilities, professionalAllowed);
    if (patch) update(patch);
  }, [tab, settings, capabilities, professionalAllowed, update]);

  useEffect(() => {
    const refresh = () => setPriceKey((k) => k + 1);
    window.addEventListener(CREDITS_CHANGED_EVENT, refresh);
    return () => window.removeEventListener(CREDITS_CHANGED_EVENT, refresh);
  }, []);

  const request = buildRequest(tab, settings);
  const price = usePrice(request, priceKey);
  const can = capabilitiesFor(capabilities, tab, settings);
  const cameraBlockedByEndFrame = tab === "image_to_video" && Boolean(settings.endFrame) && !can.endImageWithCamera;
  const storyboardOffered = offersStoryboard(capabilities, tab, settings.mode);
  const storyboard = settings.storyboard.on && storyboardOffered;
  const customShots = storyboard && settings.storyboard.type === "custom";
  const missing = !offersMode(capabilities, tab, "standard") && !offersMode(capabilities, tab, "professional")
    ? `This server's video engine does not make ${TABS.find((t) => t.id === tab)!.label.toLowerCase()} videos.`
    : tab === "image_to_video" && !settings.startFrame
      ? "Add a start frame to animate."
      : storyboard
        ? storyboardMissing(settings.storyboard, settings.prompt)
        : tab === "text_to_video" && !settings.prompt.trim()
          ? "Write a prompt: what should the video show?"
          : null;

  async function generate() {
    if (!request || missing) return;
    setSubmitting(true);
    setSubmitError(null);
    idempotencyKey.current ??= crypto.randomUUID();
    try {
      const result = await apiFetch<{ generations: GenerationView[] }>("POST", "/api/generations", {
        body: request,
        headers: { "idempotency-key": idempotencyKey.current },
      });
      if (!result.ok) {
        // Unreached or failed on the way, the same key makes the retry safe; refused, the next try is a new request.
        if (result.status === null) return setSubmitError("Could not reach Reelsmith. Check your connection and press Generate again.");
        if (result.status < 500) idempotencyKey.current = null;
        return setSubmitError(result.message);
      }
      idempotencyKey.current = null;
      upsertJobs(result.data.generations);
      window.dispatchEvent(new Event(CREDITS_CHANGED_EVENT));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1.35fr)_minmax(0,1fr)]">
      <form
        aria-label="Create a video"
        className="flex flex-col gap-6 rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4 sm:p-6"
        onSubmit={(e) => {
          e.preventDefault();
          void generate();
        }}
      >
        <div role="tablist" aria-label="Kind of video" className="flex gap-1 rounded-xl bg-zinc-900 p-1">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              onClick={() => setTab(t.id)}
              className={clsx("flex-1 rounded-lg py-2 text-sm font-medium transition-colors", tab === t.id ? "bg-zinc-700 text-white" : "text-zinc-400 hover:text-zinc-200")}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" aria-label={TABS.find((t) => t.id === tab)!.label} className="flex flex-col gap-6">
          {tab === "image_to_video" && (
            <div className="grid gap-4 sm:grid-cols-2">
              <Suspense fallback={<FrameDropPlaceholder />}>
                <FrameDrop label="Start frame" frame={settings.startFrame} onChange={(startFrame) => update({ startFrame })} />
              </Suspense>
              {can.endImage ? (
                <Suspense fallback={<FrameDropPlaceholder />}>
                  <FrameDrop label="End frame" optional frame={settings.endFrame} onChange={(endFrame) => update({ endFrame })} />
                </Suspense>
              ) : (
                <p className="self-center text-xs text-zinc-500">This server&apos;s engine takes no end frame in {settings.mode} mode.</p>
              )}
            </div>
          )}
          {storyboardOffered && (
            <div className="flex items-center justify-between gap-4">
              <span id="storyboard-switch-label" className="text-sm font-medium text-zinc-200">
                Storyboard
                <span className="block text-xs font-normal text-zinc-500">2–6 shots in one video, up to 15 s, cut for you</span>
              </span>
              <button
                type="button"
                role="switch"
                aria-checked={storyboard}
                aria-labelledby="storyboard-switch-label"
                onClick={() => update(settings.storyboard.on ? { storyboard: { ...settings.storyboard, on: false } } : { storyboard: { ...settings.storyboard, on: true }, ...(settings.storyboard.type === "custom" ? { duration: totalOf(settings.storyboard.shots) } : {}) })}
                className={clsx("relative h-6 w-11 shrink-0 rounded-full transition-colors", storyboard ? "bg-accent-500" : "bg-zinc-700")}
              >
                <span className={clsx("absolute top-0.5 left-0.5 size-5 rounded-full bg-white transition-transform", storyboard && "translate-x-5")} />
              </button>
            </div>
          )}
          <PromptFields prompt={settings.prompt} negativePrompt={settings.negativePrompt} required={tab === "text_to_video" || storyboard} withPrompt={!customShots} onChange={update} />
          {storyboard && (
            <Suspense fallback={<StoryboardPlaceholder />}>
              <StoryboardEditor settings={settings} camera={cameraBlockedByEndFrame ? "none" : can.camera} cost={price.quote?.price.perGeneration ?? null} onChange={update} />
            </Suspense>
          )}
          {(settings.prompt.includes("@") || Boolean(settings.references?.length)) && (
            <Suspense>
              <References prompt={settings.prompt} references={settings.references ?? []} max={can.references} onChange={update} />
            </Suspense>
          )}
          <div className="grid gap-6 md:grid-cols-2">
            {!storyboard && (
              <Suspense fallback={<PanelPlaceholder />}>
                <CameraControls
                  camera={settings.camera}
                  support={cameraBlockedByEndFrame ? "none" : can.camera}
                  note={
                    cameraBlockedByEndFrame
                      ? "The engine cannot combine camera movement with an end frame: remove the end frame to direct the camera."
                      : `The engine moves the camera by itself in ${settings.mode} mode at ${settings.duration} s: describe the move in your prompt.`
                  }
                  onChange={(camera) => update({ camera })}
                />
              </Suspense>
            )}
            <Suspense fallback={<PanelPlaceholder />}>
              <SettingsPanel tab={tab} settings={settings} professionalAllowed={professionalAllowed} capabilities={capabilities} onChange={update} />
            </Suspense>
          </div>
        </div>
        <GenerateBar price={price} missing={missing} submitting={submitting} error={submitError} onGenerate={() => void generate()} />
      </form>
      {/* On wide screens the feed stays in view while the long form scrolls. */}
      <div className="lg:sticky lg:top-24 lg:max-h-[calc(100dvh-7rem)] lg:self-start lg:overflow-y-auto">
        <Suspense fallback={<JobFeedPlaceholder />}>
          <JobFeed />
        </Suspense>
      </div>
      <Suspense fallback={null}>
        <ReuseFromGallery />
      </Suspense>
    </div>
  );
}

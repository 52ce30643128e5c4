import type { Capabilities, ClipSeconds, Mode } from "@/lib/engines/capabilities";
import type { StudioCapabilities } from "@/lib/engines/routing";
import { CLIP_SECONDS } from "@/lib/validation/limits";
import type { StudioTab, TabSettings } from "./studio-store";

const NONE: Capabilities = { available: false, cfgScale: false, camera: "none", endImage: false, endImageWithCamera: false, audio: false, references: 0, storyboard: false };

/** What the engine of `mode` does at `duration` seconds (nothing at a length no request may have). */
export function capabilitiesAt(caps: StudioCapabilities, tab: StudioTab, mode: Mode, duration: number): Capabilities {
  return caps[mode][tab][duration as ClipSeconds] ?? NONE;
}

/** The lengths the engine of `mode` makes for this kind of video. */
export function offeredLengths(caps: StudioCapabilities, tab: StudioTab, mode: Mode): ClipSeconds[] {
  return CLIP_SECONDS.filter((s) => capabilitiesAt(caps, tab, mode, s).available);
}

/** Whether the engine of `mode` makes this kind of video at some length. */
export function offersMode(caps: StudioCapabilities, tab: StudioTab, mode: Mode): boolean {
  return offeredLengths(caps, tab, mode).length > 0;
}

/** Whether the engine of `mode` makes storyboards of this kind. */
export function offersStoryboard(caps: StudioCapabilities, tab: StudioTab, mode: Mode): boolean {
  return offeredLengths(caps, tab, mode).some((s) => capabilitiesAt(caps, tab, mode, s).storyboard);
}

export function capabilitiesFor(caps: StudioCapabilities, tab: StudioTab, s: Pick<TabSettings, "mode" | "duration">): Capabilities {
  return capabilitiesAt(caps, tab, s.mode, s.duration);
}

/**
 * The changes that bring a tab's settings within what the configured engines can do (e.g. after
 * the operator routed a mode to Kling, or settings saved under another engine), or null when
 * they already fit. The studio greys these options out; this keeps a stale value from being sent.
 */
export function fitToCapabilities(tab: StudioTab, s: TabSettings, caps: StudioCapabilities, professionalAllowed = true): Partial<TabSettings> | null {
  const patch: Partial<TabSettings> = {};
  const otherMode: Mode = s.mode === "standard" ? "professional" : "standard";
  // Never into professional mode for a plan without it (the plan rule wins over the engine's offer).
  const switchMode = !offersMode(caps, tab, s.mode) && offersMode(caps, tab, otherMode) && (otherMode === "standard" || professionalAllowed);
  const mode: Mode = switchMode ? otherMode : s.mode;
  if (mode !== s.mode) patch.mode = mode;
  const custom = s.storyboard.on && s.storyboard.type === "custom";
  const storyboard = s.storyboard.on && offersStoryboard(caps, tab, mode);
  if (s.storyboard.on && !storyboard) patch.storyboard = { ...s.storyboard, on: false };
  // The nearest length the engine makes (a custom storyboard's length is its shots' sum, not a choice).
  const lengths = offeredLengths(caps, tab, mode);
  const nearest = lengths.reduce<number | undefined>((best, l) => (best === undefined || Math.abs(l - s.duration) < Math.abs(best - s.duration) ? l : best), undefined);
  const duration = capabilitiesAt(caps, tab, mode, s.duration).available || nearest === undefined || (custom && storyboard) ? s.duration : nearest;
  if (duration !== s.duration) patch.duration = duration;
  const can = capabilitiesAt(caps, tab, mode, duration);
  if (s.audio && !can.audio) patch.audio = false;
  const endFrame = tab === "image_to_video" && s.endFrame && can.endImage ? s.endFrame : null;
  if (tab === "image_to_video" && s.endFrame && !can.endImage) patch.endFrame = null;
  const cameraFits = can.camera === "all" || (can.camera === "axis" && s.camera?.type === "axis");
  if (s.camera && (!cameraFits || (endFrame && !can.endImageWithCamera))) patch.camera = null;
  // A storyboard moves the camera per shot: shot moves the engine cannot make are cleared.
  const shotFits = (camera: TabSettings["camera"]) => !camera || can.camera === "all" || (can.camera === "axis" && camera.type === "axis");
  if (storyboard && s.storyboard.shots.some((shot) => !shotFits(shot.camera))) {
    patch.storyboard = { ...s.storyboard, shots: s.storyboard.shots.map((shot) => (shotFits(shot.camera) ? shot : { ...shot, camera: null })) };
  }
  return Object.keys(patch).length ? patch : null;
}

import type { Capabilities, ClipSeconds, Mode } from "@/lib/engines/capabilities";
import type { StudioCapabilities } from "@/lib/engines/routing";
import type { StudioTab, TabSettings } from "./studio-store";

const LENGTHS: ClipSeconds[] = [5, 10];

/** Whether the engine of `mode` makes this kind of video at some length. */
export function offersMode(caps: StudioCapabilities, tab: StudioTab, mode: Mode): boolean {
  return LENGTHS.some((s) => caps[mode][tab][s].available);
}

export function capabilitiesFor(caps: StudioCapabilities, tab: StudioTab, s: Pick<TabSettings, "mode" | "duration">): Capabilities {
  return caps[s.mode][tab][s.duration];
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
  const other: ClipSeconds = s.duration === 5 ? 10 : 5;
  const duration = !caps[mode][tab][s.duration].available && caps[mode][tab][other].available ? other : s.duration;
  if (duration !== s.duration) patch.duration = duration;
  const can = caps[mode][tab][duration];
  if (s.audio && !can.audio) patch.audio = false;
  const endFrame = tab === "image_to_video" && s.endFrame && can.endImage ? s.endFrame : null;
  if (tab === "image_to_video" && s.endFrame && !can.endImage) patch.endFrame = null;
  const cameraFits = can.camera === "all" || (can.camera === "axis" && s.camera?.type === "axis");
  if (s.camera && (!cameraFits || (endFrame && !can.endImageWithCamera))) patch.camera = null;
  return Object.keys(patch).length ? patch : null;
}

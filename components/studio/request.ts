import type { GenerationRequestInput } from "@/lib/validation/generation";
import { storyboardRequest } from "./storyboard";
import type { StudioTab, TabSettings } from "./studio-store";

/** The request the studio sends for a tab's settings (the same schema the API validates). */
export function buildRequest(tab: StudioTab, s: TabSettings): GenerationRequestInput | null {
  const common = {
    prompt: s.prompt,
    negativePrompt: s.negativePrompt,
    cfgScale: s.cfgScale,
    mode: s.mode,
    duration: s.duration,
    count: s.count,
    audio: s.audio,
    ...(s.seed !== null ? { seed: s.seed } : {}),
    // A storyboard moves the camera per shot.
    ...(s.camera && !s.storyboard.on ? { cameraControl: s.camera } : {}),
    ...(s.storyboard.on ? storyboardRequest(s.storyboard, s.duration) : {}),
    ...(s.references?.length ? { references: s.references.map((r) => (r.kind === "element" ? { kind: r.kind, elementId: r.elementId } : { kind: r.kind, imageId: r.imageId })) } : {}),
  };
  if (tab === "text_to_video") return { kind: "text_to_video", aspectRatio: s.aspectRatio, ...common };
  if (!s.startFrame) return null;
  return {
    kind: "image_to_video",
    startImageId: s.startFrame.assetId,
    ...(s.endFrame ? { endImageId: s.endFrame.assetId } : {}),
    ...common,
  };
}

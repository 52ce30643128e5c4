import type { FrameView, GenerationView } from "@/lib/generations/present";
import { ASPECT_RATIOS } from "@/lib/validation/limits";
import { DEFAULT_SETTINGS, DEFAULT_STORYBOARD, type Frame, type StudioTab, type TabSettings } from "./studio-store";

type Frames = { start: FrameView | null; end: FrameView | null };

const asFrame = (frame: FrameView | null, name: string): Frame | null => (frame ? { ...frame, name } : null);

/** The studio tab and settings that make this generation again; null for kinds the studio has no tab for. */
export function reuseSettings(g: GenerationView, frames: Frames): { tab: StudioTab; settings: TabSettings } | null {
  if (g.kind !== "text_to_video" && g.kind !== "image_to_video") return null;
  const aspectRatio = ASPECT_RATIOS.find((r) => r === g.aspectRatio) ?? DEFAULT_SETTINGS.aspectRatio;
  return {
    tab: g.kind,
    settings: {
      // A storyboard's own prompt (a custom one's row joins its shots' prompts instead).
      prompt: g.storyboard ? g.storyboard.prompt : g.prompt,
      negativePrompt: g.negativePrompt,
      cfgScale: g.cfgScale,
      mode: g.mode,
      duration: g.duration,
      aspectRatio,
      count: 1,
      audio: g.audio,
      seed: g.seed,
      camera: g.cameraControl,
      startFrame: g.kind === "image_to_video" ? asFrame(frames.start, "Start frame of the reused video") : null,
      endFrame: g.kind === "image_to_video" ? asFrame(frames.end, "End frame of the reused video") : null,
      storyboard: g.storyboard
        ? {
            on: true,
            type: g.storyboard.type,
            shots: g.storyboard.type === "custom" ? g.storyboard.shots.map((shot, i) => ({ id: `shot-${i + 1}`, prompt: shot.prompt, duration: shot.duration, camera: shot.cameraControl ?? null })) : DEFAULT_STORYBOARD.shots,
          }
        : DEFAULT_STORYBOARD,
    },
  };
}

import type { GenerationView } from "@/lib/generations/present";

const KINDS: Record<GenerationView["kind"], string> = {
  text_to_video: "Text to video",
  image_to_video: "Image to video",
  extend: "Extension",
  multi_shot: "Multi-shot",
};

export function kindLabel(kind: GenerationView["kind"]): string {
  return KINDS[kind];
}

export function resolutionLabel(mode: GenerationView["mode"]): string {
  return mode === "professional" ? "1080p" : "720p";
}

/** The clip's length as played (the render's own duration when known). */
export function secondsLabel(g: Pick<GenerationView, "duration" | "video">): string {
  const ms = g.video?.durationMs;
  return `${ms ? Math.round(ms / 100) / 10 : g.duration} s`;
}

/** What a downloaded file is called: `reelsmith-lantern-over-a-lake-standard-5s-x1y2z3.mp4`. */
export function downloadName(g: Pick<GenerationView, "id" | "prompt" | "kind" | "mode" | "duration">): string {
  const words = g.prompt
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 6)
    .join("-")
    .slice(0, 48)
    .replace(/-+$/, "");
  const subject = words || (g.kind === "image_to_video" ? "image-to-video" : "video");
  return `reelsmith-${subject}-${g.mode}-${g.duration}s-${g.id.slice(-6)}.mp4`;
}

type Env = Record<string, string | undefined>;

/**
 * How much the local engine renders. `full`: the mode's size and frame rate (720p 24 fps standard,
 * 1080p 30 fps professional). `preview`: the same motion, length and files at 180p and 12 fps, in a
 * fraction of the time — drafts on a slow machine, and the e2e suite, which exercises the whole
 * pipeline without waiting on full-size encodes.
 */
export const RENDER_QUALITIES = ["full", "preview"] as const;
export type RenderQuality = (typeof RENDER_QUALITIES)[number];

/** What `preview` renders: the short side in pixels and the frame rate. */
export const PREVIEW_GEOMETRY = { shortSide: 180, fps: 12 } as const;

/** LOCAL_RENDER_QUALITY, checked: start-up calls it so a typo stops the process instead of rendering full size. */
export function renderQuality(env: Env = process.env): RenderQuality {
  const value = env.LOCAL_RENDER_QUALITY?.trim() || "full";
  if ((RENDER_QUALITIES as readonly string[]).includes(value)) return value as RenderQuality;
  throw new Error(`LOCAL_RENDER_QUALITY must be "full" or "preview", not "${value}".`);
}

/** The geometry overrides a quality implies (none at full quality: the mode decides). */
export function qualityGeometry(quality: RenderQuality): { shortSide?: number; fps?: number } {
  return quality === "preview" ? PREVIEW_GEOMETRY : {};
}

import { afterAll, beforeAll } from "vitest";
import type { RenderQuality } from "@/lib/engines/local/quality";

/** Sets LOCAL_RENDER_QUALITY (read per job, so the in-process worker follows it); returns the undo. */
function setRenderQuality(quality: RenderQuality): () => void {
  const before = process.env.LOCAL_RENDER_QUALITY;
  process.env.LOCAL_RENDER_QUALITY = quality;
  return () => {
    if (before === undefined) delete process.env.LOCAL_RENDER_QUALITY;
    else process.env.LOCAL_RENDER_QUALITY = before;
  };
}

/** Runs `work` with the local engine at `quality`. */
export async function atRenderQuality<T>(quality: RenderQuality, work: () => Promise<T>): Promise<T> {
  const restore = setRenderQuality(quality);
  try {
    return await work();
  } finally {
    restore();
  }
}

/** Every render of the calling test file at `quality` (for files that test what happens around a render, not its size). */
export function renderFileAt(quality: RenderQuality): void {
  let restore = () => {};
  beforeAll(() => {
    restore = setRenderQuality(quality);
  });
  afterAll(() => restore());
}

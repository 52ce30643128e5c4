import type { Asset, Generation } from "../db/generated/client";
import type { CameraControl, GenerationRequest, Shot } from "../validation/generation";
import type { QueuePlace } from "./queue-place";

/** A generation as the browser and the API see it. */
export type GenerationView = {
  id: string;
  batchId: string;
  kind: Generation["kind"];
  status: Generation["status"];
  progress: number;
  prompt: string;
  negativePrompt: string;
  mode: Generation["mode"];
  duration: number;
  aspectRatio: string;
  cfgScale: number;
  audio: boolean;
  seed: number | null;
  cameraControl: CameraControl | null;
  /** A storyboard's shots in order (an automatic one: as Reelsmith split its prompt), and the request's own prompt; null for one shot. */
  storyboard: { type: "custom" | "automatic"; prompt: string; shots: Shot[] } | null;
  startImageId: string | null;
  endImageId: string | null;
  /** The video an extension continues. */
  parentId: string | null;
  cost: number;
  refunded: boolean;
  error: { code: string | null; message: string } | null;
  favorite: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** A queued job's place in its engine's queue (lib/generations/queue-position.ts), where it was looked up. */
  queue?: QueuePlace | null;
  video: { url: string; posterUrl: string | null; width: number | null; height: number | null; fps: number | null; durationMs: number | null; size: number | null } | null;
};

function storyboardOf(g: Generation): GenerationView["storyboard"] {
  const request = (g.params as { request?: Partial<GenerationRequest> } | null)?.request;
  if (!request?.shots) return null;
  return { type: request.shotType ?? "custom", prompt: request.prompt ?? "", shots: request.shots };
}

export function presentGeneration(g: Generation): GenerationView {
  return {
    id: g.id,
    batchId: g.batchId,
    kind: g.kind,
    status: g.status,
    progress: g.progress,
    prompt: g.prompt,
    negativePrompt: g.negativePrompt,
    mode: g.mode,
    duration: g.durationSeconds,
    aspectRatio: g.aspectRatio,
    cfgScale: g.cfgScale,
    audio: g.audio,
    seed: g.seed,
    cameraControl: (g.cameraControl as CameraControl | null) ?? null,
    storyboard: storyboardOf(g),
    startImageId: g.startImageId,
    parentId: g.parentId,
    endImageId: g.endImageId,
    cost: g.cost,
    refunded: g.refundedAt !== null,
    error: g.status === "failed" || g.status === "canceled" ? { code: g.errorCode, message: g.error ?? (g.status === "canceled" ? "Cancelled." : "Failed.") } : null,
    favorite: g.favorite,
    createdAt: g.createdAt.toISOString(),
    startedAt: g.startedAt?.toISOString() ?? null,
    finishedAt: g.finishedAt?.toISOString() ?? null,
    video: g.outputVideoId
      ? {
          url: `/api/media/${g.outputVideoId}`,
          posterUrl: g.thumbnailId ? `/api/media/${g.thumbnailId}` : null,
          width: g.width,
          height: g.height,
          fps: g.fps,
          durationMs: g.outputDurationMs,
          size: g.outputSize,
        }
      : null,
  };
}

/** A start or end frame as the studio's frame picker holds it. */
export type FrameView = { assetId: string; url: string; width: number; height: number };

function presentFrame(asset: Asset | null): FrameView | null {
  return asset ? { assetId: asset.id, url: `/api/media/${asset.id}`, width: asset.width ?? 0, height: asset.height ?? 0 } : null;
}

export function presentFrames(g: { startImage: Asset | null; endImage: Asset | null }): { start: FrameView | null; end: FrameView | null } {
  return { start: presentFrame(g.startImage), end: presentFrame(g.endImage) };
}

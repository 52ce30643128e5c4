import type { GenerationRequest } from "../validation/generation";

/**
 * An engine provider turns one generation into a video file, reporting progress.
 * Providers (registered in ./index.ts): `local` (the ffmpeg motion renderer, default), `comfyui`
 * (a ComfyUI server running an open video model) and `kling` (Kling's HTTP API).
 */

export type EngineJob = {
  generationId: string;
  /** The validated request (one generation of it: `count` is handled by the caller). */
  request: GenerationRequest;
  /** The seed to use: the request's, or one the pipeline chose and recorded. */
  seed: number;
  /** Local files of the start / end frames for image-to-video (already validated images). */
  startImagePath?: string;
  endImagePath?: string;
  /** Elements and reference images the request names (at most 7), resolved to local files, in request order. */
  references?: EngineReference[];
  /** A private folder for this attempt; the engine writes its outputs here. */
  workDir: string;
  /** Aborted when the job is cancelled or has run past its deadline. */
  signal: AbortSignal;
  /** Reports progress 0–100; resolves when recorded. Throws (JobStoppedError: cancelled or taken over) to stop the render. */
  onProgress(percent: number): Promise<void>;
  /** The model routing chose for this job at submit, for engines that offer several. */
  model?: string | null;
  /** A remote engine's task id that an earlier attempt of this job recorded. */
  remoteTaskId?: string | null;
  /** Records a remote engine's task id as soon as it is known, so a later attempt resumes it instead of submitting again. */
  onRemoteTask?(taskId: string): Promise<void>;
};

/** A reference a generation names: a saved element (a subject) or a plain reference picture. */
export type EngineReference =
  | { kind: "element"; id: string; name: string; description: string; tag: string; frontalImagePath: string; imagePaths: string[] }
  | { kind: "image"; imagePath: string };

export type EngineOutput = {
  /** H.264 MP4 (yuv420p, faststart) inside workDir. */
  videoPath: string;
  /** JPEG poster frame inside workDir. */
  posterPath: string;
  width: number;
  height: number;
  fps: number;
  durationMs: number;
  hasAudio: boolean;
  /** What the remote provider charged for it, in its own units (Kling's final_unit_deduction). */
  providerUnits?: string;
};

export interface Engine {
  readonly id: string;
  render(job: EngineJob): Promise<EngineOutput>;
}

/** A provider failure. `transient` ones are retried with backoff; others fail the job (and refund). */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly code = transient ? "engine_unavailable" : "engine_failed",
    /** What only the server log gets (a tool's raw output): the message is what the user reads. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** Output geometry: the short side is 720 (standard) or 1080 (professional); both sides even. */
export const SHORT_SIDE = { standard: 720, professional: 1080 } as const;
export const FRAME_RATE = { standard: 24, professional: 30 } as const;

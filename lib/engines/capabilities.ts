import type { GenerationRequest } from "../validation/generation";
import type { CLIP_SECONDS, MODES } from "../validation/limits";
import { REFERENCES_MAX } from "../elements/limits";

/**
 * What each engine (and, for Kling, each model) can do: the one table that submit-time validation
 * and the studio both read. Kling's rows follow its capability map as published (see
 * shared/reference/kling-api.md §1.5–1.8); an option a model lacks is refused here rather than
 * sent and silently ignored or rejected by Kling minutes later.
 */

export type Mode = (typeof MODES)[number];
export type Kind = GenerationRequest["kind"];
export type ClipSeconds = (typeof CLIP_SECONDS)[number];

/** Where a camera move is possible; `axis` means single-axis moves only (Kling's `simple`), no master shots. */
type CameraRule = { mode: Mode; duration: ClipSeconds; moves: "all" | "axis" };

type KindSupport = {
  modes: readonly Mode[];
  durations: readonly ClipSeconds[];
  camera: readonly CameraRule[];
  /** Modes in which an end frame (Kling's `image_tail`) is accepted; image-to-video only. */
  endImage: readonly Mode[];
  /** Modes with native audio. */
  audio: readonly Mode[];
};

export type EngineModel = {
  /** Whether the creativity ↔ relevance value (Kling's `cfg_scale`) reaches the model. */
  cfgScale: boolean;
  /** Whether an end frame and a camera move can go in one request. */
  endImageWithCamera: boolean;
  kinds: Partial<Record<Kind, KindSupport>>;
  /** How many references (elements and reference images together) one request may name. */
  references: number;
};

const BOTH = ["standard", "professional"] as const;
const PRO = ["professional"] as const;
const LENGTHS = [5, 10] as const;
const EVERY_CAMERA: CameraRule[] = BOTH.flatMap((mode) => LENGTHS.map((duration) => ({ mode, duration, moves: "all" as const })));
const everything: KindSupport = { modes: BOTH, durations: LENGTHS, camera: EVERY_CAMERA, endImage: BOTH, audio: BOTH };
const startFrameOnly: KindSupport = { modes: BOTH, durations: LENGTHS, camera: [], endImage: [], audio: [] };

/** Kling models without references of their own send a request with references through omni-video on this model. */
export const KLING_OMNI_DEFAULT = "kling-v3-omni";
export const KLING_OMNI_MODELS: readonly string[] = ["kling-v3-omni", "kling-video-o1"];
const REFERENCES_VIA_OMNI = REFERENCES_MAX;

/** Kling: camera control only where the capability map lists it, image_tail in professional mode, audio from v2.6. */
export const KLING_MODELS = {
  "kling-v1": {
    cfgScale: true,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: {
      text_to_video: { modes: BOTH, durations: LENGTHS, camera: [{ mode: "standard", duration: 5, moves: "all" }], endImage: [], audio: [] },
      image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: PRO, audio: [] },
    },
  },
  "kling-v1-5": {
    cfgScale: true,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: { image_to_video: { modes: BOTH, durations: LENGTHS, camera: [{ mode: "professional", duration: 5, moves: "axis" }], endImage: PRO, audio: [] } },
  },
  "kling-v1-6": {
    cfgScale: true,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: {
      text_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: [], audio: [] },
      image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: PRO, audio: [] },
    },
  },
  "kling-v2-1": {
    cfgScale: false,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: { image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: PRO, audio: [] } },
  },
  "kling-v2-5-turbo": {
    cfgScale: false,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: {
      text_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: [], audio: [] },
      image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: PRO, audio: [] },
    },
  },
  "kling-v2-6": {
    cfgScale: false,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: {
      text_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: [], audio: PRO },
      image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: PRO, audio: PRO },
    },
  },
  "kling-v3": {
    cfgScale: false,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: {
      text_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: [], audio: BOTH },
      image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: BOTH, audio: BOTH },
    },
  },
  // Omni (shared/reference/kling-api.md §1.10, §1.10a): references in image_list / element_list, 7 slots.
  "kling-v3-omni": {
    cfgScale: false,
    endImageWithCamera: false,
    references: REFERENCES_MAX,
    kinds: {
      text_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: [], audio: BOTH },
      image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: BOTH, audio: BOTH },
    },
  },
  "kling-video-o1": {
    cfgScale: false,
    endImageWithCamera: false,
    references: REFERENCES_MAX,
    kinds: {
      text_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: [], audio: [] },
      image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: BOTH, audio: [] },
    },
  },
} as const satisfies Record<string, EngineModel>;

export type KlingModel = keyof typeof KLING_MODELS;
export const DEFAULT_KLING_MODEL: KlingModel = "kling-v1-6";

/** Engines without a model choice do everything the request schema allows. */
const SINGLE_MODEL: Record<string, EngineModel> = {
  // The local engine composites each element's cut-out into the shot.
  local: { cfgScale: true, endImageWithCamera: true, references: REFERENCES_MAX, kinds: { text_to_video: everything, image_to_video: everything } },
  // The shipped Wan 2.1 workflows take a start frame only, make no sound and have no camera input.
  // References: as many as the template has {{reference_image_N}} placeholders (referenceSlots), none in the shipped ones.
  comfyui: { cfgScale: true, endImageWithCamera: false, references: 0, kinds: { text_to_video: startFrameOnly, image_to_video: startFrameOnly } },
};

/** An engine and, where it offers several, the model the operator chose for it. */
export type EngineRoute = { engine: string; model: string | null };

export function engineModel(route: EngineRoute): EngineModel | undefined {
  if (route.engine === "kling") return (KLING_MODELS as Record<string, EngineModel>)[route.model ?? DEFAULT_KLING_MODEL];
  return route.model === null ? SINGLE_MODEL[route.engine] : undefined;
}

function describeRoute(route: EngineRoute): string {
  return route.model ? `${route.engine} engine (${route.model})` : `${route.engine} engine`;
}

/** What one combination of kind, mode and length may use: the studio greys out the rest. */
export type Capabilities = {
  available: boolean;
  cfgScale: boolean;
  camera: "all" | "axis" | "none";
  endImage: boolean;
  endImageWithCamera: boolean;
  audio: boolean;
  /** References (elements and reference images) a request may name; ComfyUI's come from its template at submit. */
  references: number;
};

const NOTHING: Capabilities = { available: false, cfgScale: false, camera: "none", endImage: false, endImageWithCamera: false, audio: false, references: 0 };

export function capabilitiesOf(route: EngineRoute, kind: Kind, mode: Mode, duration: ClipSeconds): Capabilities {
  const model = engineModel(route);
  const support = model?.kinds[kind];
  if (!model || !support || !support.modes.includes(mode) || !support.durations.includes(duration)) return NOTHING;
  const camera = support.camera.find((rule) => rule.mode === mode && rule.duration === duration);
  return {
    available: true,
    cfgScale: model.cfgScale,
    camera: camera?.moves ?? "none",
    endImage: kind === "image_to_video" && support.endImage.includes(mode),
    endImageWithCamera: model.endImageWithCamera,
    audio: support.audio.includes(mode),
    references: model.references,
  };
}

const KIND_LABEL: Record<Kind, string> = { text_to_video: "text-to-video", image_to_video: "image-to-video" };

/** Why the routed engine cannot run this request (the field to change and what to do), or null when it can. */
export function unsupportedByEngine(route: EngineRoute, request: GenerationRequest): { field: string; message: string } | null {
  const name = describeRoute(route);
  if (!engineModel(route)) return { field: "mode", message: `The ${name} is not available on this server.` };
  const where = `${request.mode} mode at ${request.duration} s`;
  const can = capabilitiesOf(route, request.kind, request.mode, request.duration);
  if (!can.available) {
    const inMode = capabilitiesOf(route, request.kind, request.mode, 5).available || capabilitiesOf(route, request.kind, request.mode, 10).available;
    return inMode
      ? { field: "duration", message: `The ${name} cannot make ${request.duration} s videos in ${request.mode} mode. Choose another length.` }
      : { field: "mode", message: `The ${name} does not make ${KIND_LABEL[request.kind]} videos in ${request.mode} mode. Choose another mode.` };
  }
  const camera = request.cameraControl;
  if (camera && can.camera === "none") {
    return { field: "cameraControl", message: `The ${name} cannot move the camera in ${where}. Set the camera to Automatic, or describe the move in the prompt.` };
  }
  if (camera?.type === "master" && can.camera === "axis") {
    return { field: "cameraControl", message: `The ${name} supports only single-axis camera moves in ${where}, not master shots.` };
  }
  const endImage = request.kind === "image_to_video" && Boolean(request.endImageId);
  if (endImage && !can.endImage) {
    return { field: "endImageId", message: `The ${name} cannot use an end frame in ${request.mode} mode. Remove the end frame to continue.` };
  }
  if (endImage && camera && !can.endImageWithCamera) {
    return { field: "cameraControl", message: `The ${name} cannot combine an end frame with camera control. Remove one of them.` };
  }
  if (request.audio && !can.audio) {
    return { field: "audio", message: `The ${name} cannot add audio in ${request.mode} mode. Turn audio off to continue.` };
  }
  return null;
}

/**
 * Why the routed engine cannot take `count` references, or null when it can. `slots` is what the
 * engine's own configuration allows where the table cannot know it (a ComfyUI template's placeholders).
 */
export function referencesUnsupported(route: EngineRoute, kind: Kind, count: number, slots?: number): string | null {
  if (count === 0) return null;
  const max = slots ?? engineModel(route)?.references ?? 0;
  if (count <= max) return null;
  const name = describeRoute(route);
  return max === 0
    ? `The ${name} takes no elements or reference images for ${KIND_LABEL[kind]}. Remove the @mentions and references, or ask the operator to route this mode to an engine that takes them.`
    : `The ${name} takes at most ${max} references for ${KIND_LABEL[kind]}; this request has ${count}.`;
}

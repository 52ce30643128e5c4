import type { GenerationRequest } from "../validation/generation";
import { CLIP_SECONDS, type MODES } from "../validation/limits";
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
  /** Whether it renders a storyboard (2–6 shots in one video: Kling's multi_shot); no engine joins separate runs. */
  storyboard: boolean;
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
/** Kling before 3.0 and the shipped ComfyUI workflows: 5 or 10 s. Kling 3.0 and the local engine: any whole length from 3 to 15 s. */
const LENGTHS = [5, 10] as const;
const FREE_LENGTHS = CLIP_SECONDS;
const EVERY_CAMERA: CameraRule[] = BOTH.flatMap((mode) => FREE_LENGTHS.map((duration) => ({ mode, duration, moves: "all" as const })));
const everything: KindSupport = { modes: BOTH, durations: FREE_LENGTHS, camera: EVERY_CAMERA, endImage: BOTH, audio: BOTH, storyboard: true };
const startFrameOnly: KindSupport = { modes: BOTH, durations: LENGTHS, camera: [], endImage: [], audio: [], storyboard: false };

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
      text_to_video: { modes: BOTH, durations: LENGTHS, camera: [{ mode: "standard", duration: 5, moves: "all" }], endImage: [], audio: [], storyboard: false },
      image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: PRO, audio: [], storyboard: false },
    },
  },
  "kling-v1-5": {
    cfgScale: true,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: { image_to_video: { modes: BOTH, durations: LENGTHS, camera: [{ mode: "professional", duration: 5, moves: "axis" }], endImage: PRO, audio: [], storyboard: false } },
  },
  "kling-v1-6": {
    cfgScale: true,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: {
      text_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: [], audio: [], storyboard: false },
      image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: PRO, audio: [], storyboard: false },
    },
  },
  "kling-v2-1": {
    cfgScale: false,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: { image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: PRO, audio: [], storyboard: false } },
  },
  "kling-v2-5-turbo": {
    cfgScale: false,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: {
      text_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: [], audio: [], storyboard: false },
      image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: PRO, audio: [], storyboard: false },
    },
  },
  "kling-v2-6": {
    cfgScale: false,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: {
      text_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: [], audio: PRO, storyboard: false },
      image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: PRO, audio: PRO, storyboard: false },
    },
  },
  "kling-v3": {
    cfgScale: false,
    endImageWithCamera: false,
    references: REFERENCES_VIA_OMNI,
    kinds: {
      text_to_video: { modes: BOTH, durations: FREE_LENGTHS, camera: [], endImage: [], audio: BOTH, storyboard: true },
      image_to_video: { modes: BOTH, durations: FREE_LENGTHS, camera: [], endImage: BOTH, audio: BOTH, storyboard: true },
    },
  },
  // Omni (shared/reference/kling-api.md §1.10, §1.10a): references in image_list / element_list, 7 slots.
  "kling-v3-omni": {
    cfgScale: false,
    endImageWithCamera: false,
    references: REFERENCES_MAX,
    kinds: {
      text_to_video: { modes: BOTH, durations: FREE_LENGTHS, camera: [], endImage: [], audio: BOTH, storyboard: true },
      image_to_video: { modes: BOTH, durations: FREE_LENGTHS, camera: [], endImage: BOTH, audio: BOTH, storyboard: true },
    },
  },
  "kling-video-o1": {
    cfgScale: false,
    endImageWithCamera: false,
    references: REFERENCES_MAX,
    kinds: {
      text_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: [], audio: [], storyboard: false },
      image_to_video: { modes: BOTH, durations: LENGTHS, camera: [], endImage: BOTH, audio: [], storyboard: false },
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
  storyboard: boolean;
};

const NOTHING: Capabilities = { available: false, cfgScale: false, camera: "none", endImage: false, endImageWithCamera: false, audio: false, references: 0, storyboard: false };

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
    storyboard: support.storyboard,
  };
}

const KIND_LABEL: Record<Kind, string> = { text_to_video: "text-to-video", image_to_video: "image-to-video" };

type Refusal = { field: string; message: string };

/** Why the camera move cannot be made (the field it is in), or null. */
function cameraRefusal(camera: GenerationRequest["cameraControl"], can: Capabilities, name: string, where: string, field: string): Refusal | null {
  if (camera && can.camera === "none") {
    return { field, message: `The ${name} cannot move the camera in ${where}. Set the camera to Automatic, or describe the move in the prompt.` };
  }
  if (camera?.type === "master" && can.camera === "axis") {
    return { field, message: `The ${name} supports only single-axis camera moves in ${where}, not master shots.` };
  }
  return null;
}

/** Why the routed engine cannot run this request (the field to change and what to do), or null when it can. */
export function unsupportedByEngine(route: EngineRoute, request: GenerationRequest): Refusal | null {
  const name = describeRoute(route);
  if (!engineModel(route)) return { field: "mode", message: `The ${name} is not available on this server.` };
  const where = `${request.mode} mode at ${request.duration} s`;
  const can = capabilitiesOf(route, request.kind, request.mode, request.duration as ClipSeconds);
  if (!can.available) {
    const lengths = CLIP_SECONDS.filter((s) => capabilitiesOf(route, request.kind, request.mode, s).available);
    return lengths.length
      ? { field: "duration", message: `The ${name} cannot make ${request.duration} s videos in ${request.mode} mode. Choose ${lengths.length > 2 ? `${lengths[0]} to ${lengths.at(-1)}` : lengths.join(" or ")} seconds.` }
      : { field: "mode", message: `The ${name} does not make ${KIND_LABEL[request.kind]} videos in ${request.mode} mode. Choose another mode.` };
  }
  if (request.shots && !can.storyboard) {
    return { field: "shots", message: `The ${name} cannot make storyboards (several shots in one video). Write a single prompt instead.` };
  }
  const camera = request.cameraControl;
  const cameraIssue =
    cameraRefusal(camera, can, name, where, "cameraControl") ??
    (request.shots ?? []).reduce<Refusal | null>((found, shot, i) => found ?? cameraRefusal(shot.cameraControl, can, name, `${where} (shot ${i + 1})`, `shots.${i}.cameraControl`), null);
  if (cameraIssue) return cameraIssue;
  const endImage = request.kind === "image_to_video" && Boolean(request.endImageId);
  if (endImage && !can.endImage) {
    return { field: "endImageId", message: `The ${name} cannot use an end frame in ${request.mode} mode. Remove the end frame to continue.` };
  }
  if (endImage && (camera || request.shots?.at(-1)?.cameraControl) && !can.endImageWithCamera) {
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

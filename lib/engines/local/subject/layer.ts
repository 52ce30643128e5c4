import "server-only";
import type { EngineReference } from "../../types";
import { framing, type CameraPath } from "../camera";
import type { Size } from "../geometry";
import { imagePlane, windowedPlane, type Clip } from "../graph";
import { cachedSubject, hasSubject, type Subject } from "./cache";
import { DEFAULT_DEPTH, depthFromWords, mentionContexts, standing, type Standing } from "./depth";
import { hasParallax, placeCutout, startFrameCutout } from "./placement";

/**
 * Subject layers in the local engine's filter graphs. Everything that depends only on the pictures
 * (matting, the cut-out, the filled background) happens once before `loop`; per frame each subject
 * costs one moving plane (graph.ts's movingPlane, at its own depth) and one `overlay`.
 */

/** The start frame's subject stands this far from the camera, its background at 1: it moves more. */
export const START_SUBJECT_DEPTH = 0.7;

const aspectOf = (clip: Clip) => clip.width / clip.height;
const overscanAt = (camera: CameraPath, clip: Clip, depth: number) => framing(camera, clip.frames, clip.fps, aspectOf(clip), depth).overscan;

/**
 * The start image (ffmpeg input `input`) moved by the camera, with real depth: its subject (from the
 * matte) on a nearer plane over the background, whose hole the subject leaves is filled. Without a
 * subject to separate, or a camera that only turns or zooms (no parallax to show), the image moves
 * as one plane. Adds the matte files to `inputs`.
 */
export async function startFramePlanes(imagePath: string, input: number, image: Size, camera: CameraPath, clip: Clip, inputs: string[], label: string): Promise<string> {
  const subject = hasParallax(camera) ? await cachedSubject(imagePath) : null;
  if (!subject || !hasSubject(subject)) return imagePlane(`[${input}:v]`, camera, clip, image, label);
  const patch = inputs.push(subject.patchPath) - 1;
  const matte = inputs.push(subject.mattePath) - 1;
  const id = `${label.slice(1, -1)}_`;
  const back = overscanAt(camera, clip, 1);
  const plate = Math.max(back, overscanAt(camera, clip, START_SUBJECT_DEPTH));
  const cut = startFrameCutout(clip, back, plate);
  const at = { x: (clip.width - cut.width) / 2, y: (clip.height - cut.height) / 2 };
  const [sx, sy] = [cut.width / subject.width, cut.height / subject.height];
  const content = {
    x: Math.floor(at.x + subject.box.x * sx),
    y: Math.floor(at.y + subject.box.y * sy),
    width: Math.ceil(subject.box.width * sx) + 1,
    height: Math.ceil(subject.box.height * sy) + 1,
  };
  const front = windowedPlane(`[${id}cut]`, camera, clip, START_SUBJECT_DEPTH, plate, content, `[${id}front]`);
  const chains = [
    `[${input}:v]split[${id}a][${id}b]`,
    `[${patch}:v]scale=${image.width}:${image.height}[${id}patch]`,
    `[${id}a][${id}patch]overlay=format=auto[${id}hole]`,
    imagePlane(`[${id}hole]`, camera, clip, image, front ? `[${id}back]` : label),
  ];
  if (front)
    chains.push(
      `[${matte}:v]scale=${cut.width}:${cut.height},format=gray[${id}matte]`,
      `[${id}b]scale=${cut.width}:${cut.height}[${id}sized]`,
      `[${id}sized][${id}matte]alphamerge,format=rgba,pad=${clip.width}:${clip.height}:${at.x}:${at.y}:color=black@0[${id}cut]`,
      front.chain,
      `[${id}back][${id}front]overlay=x=${front.at.x}:y=${front.at.y}:format=yuv420${label}`,
    );
  else chains.push(`[${id}b]nullsink`);
  return chains.join(";\n");
}

/** An element ready to draw: its frontal image, cut-out and where it stands; `id` names its graph labels. */
export type ElementLayer = { id: string; imagePath: string; subject: Subject; standing: Standing };

/**
 * The job's elements with their cut-outs (from the cache: the same element looks the same in every
 * video) and where each stands: at the depth its words in the prompt ask for, on ground meeting the
 * sky at `horizon`, nearest last. `inImage`: over a start frame (its plane at depth 1), so depths are
 * brought in front of it, keeping their order.
 */
export async function elementLayers(references: EngineReference[] | undefined, prompt: string, horizon: number, aspect: number, inImage: boolean): Promise<ElementLayer[]> {
  const elements = (references ?? []).filter((r) => r.kind === "element");
  const contexts = mentionContexts(prompt, elements.map((e, i) => [`@${e.name}`, `<<<element_${i + 1}>>>`]));
  const layers = await Promise.all(
    elements.map(async (element, i) => {
      const depth = depthFromWords(contexts[i]!);
      const where = standing(depth, horizon, aspect, i, elements.length);
      const planeDepth = inImage ? Math.min(0.95, (depth * START_SUBJECT_DEPTH) / DEFAULT_DEPTH) : depth;
      return { id: `e${i}`, imagePath: element.frontalImagePath, subject: await cachedSubject(element.frontalImagePath), standing: { ...where, depth: planeDepth } };
    }),
  );
  return layers.sort((a, b) => b.standing.depth - a.standing.depth);
}

/** Draws `elements` (far to near) over the clip `[below]`, appending to `chains`; returns the label of the result. */
export function overlayElements(chains: string[], below: string, elements: ElementLayer[], camera: CameraPath, clip: Clip, inputs: string[]): string {
  for (const element of elements) {
    const plane = elementPlane(element, camera, clip, inputs, `[${element.id}]`);
    if (!plane) continue;
    chains.push(plane.chain, `[${below}][${element.id}]overlay=x=${plane.at.x}:y=${plane.at.y}:format=yuv420[${element.id}_over]`);
    below = `${element.id}_over`;
  }
  return below;
}

/**
 * The chain drawing one element's plane as `[label]` (its picture and matte added to `inputs`), or
 * null when it stands wholly outside the view. A frontal image in which no subject was found is
 * shown whole, as a picture card.
 */
function elementPlane(element: ElementLayer, camera: CameraPath, clip: Clip, inputs: string[], label: string): { chain: string; at: { x: number; y: number } } | null {
  const { subject, standing: where } = element;
  const cutout = hasSubject(subject);
  const box = cutout ? subject.box : { x: 0, y: 0, width: subject.width, height: subject.height };
  const overscan = overscanAt(camera, clip, where.depth);
  const place = placeCutout(box, where, clip, overscan);
  if (!place) return null;
  const id = `${label.slice(1, -1)}_`;
  const plane = windowedPlane(`[${id}cut]`, camera, clip, where.depth, overscan, { ...place.at, width: place.crop.width, height: place.crop.height }, label);
  if (!plane) return null;
  const image = inputs.push(element.imagePath) - 1;
  const sized = `[${image}:v]scale=${subject.width}:${subject.height}`;
  const chains = [];
  if (cutout) {
    const matte = inputs.push(subject.mattePath) - 1;
    chains.push(`[${matte}:v]format=gray[${id}matte]`, `${sized}[${id}sized]`);
  }
  const cut = `crop=${box.width}:${box.height}:${box.x}:${box.y},scale=${place.scaled.width}:${place.scaled.height},format=rgba`;
  const onPlate = `crop=${place.crop.width}:${place.crop.height}:${place.crop.x}:${place.crop.y},pad=${clip.width}:${clip.height}:${place.at.x}:${place.at.y}:color=black@0`;
  chains.push(`${cutout ? `[${id}sized][${id}matte]alphamerge,` : `${sized},`}${cut},${onPlate}[${id}cut]`);
  chains.push(plane.chain);
  return { chain: chains.join(";\n"), at: plane.at };
}

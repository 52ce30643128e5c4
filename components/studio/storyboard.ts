import { splitIntoShots, type PlannedShot } from "@/lib/storyboard/split";
import { CLIP_SECONDS, SHOTS_MAX, SHOTS_MIN } from "@/lib/validation/limits";
import type { CameraControl } from "@/lib/validation/generation";
import type { StoryboardSettings, StudioShot } from "./studio-store";

/** The storyboard editor's edits, as plain functions over the shot list (the store keeps the result). */

export const MAX_TOTAL = CLIP_SECONDS[CLIP_SECONDS.length - 1]!;

export const totalOf = (shots: readonly { duration: number }[]) => shots.reduce((sum, shot) => sum + shot.duration, 0);

const newId = () => `shot-${Math.random().toString(36).slice(2, 10)}`;

/** Moves shot `index` by `delta` places (−1 earlier, +1 later); out of range is no change. */
export function moveShot(shots: StudioShot[], index: number, delta: number): StudioShot[] {
  const to = index + delta;
  if (to < 0 || to >= shots.length) return shots;
  const next = [...shots];
  const [shot] = next.splice(index, 1);
  next.splice(to, 0, shot!);
  return next;
}

/** Room left under the 15 s total for another shot or a longer one. */
export const secondsLeft = (shots: readonly StudioShot[]) => MAX_TOTAL - totalOf(shots);

export function canAdd(shots: readonly StudioShot[]): boolean {
  return shots.length < SHOTS_MAX && secondsLeft(shots) >= 1;
}

/** A new empty shot at the end, as long as the room left allows (up to 3 s). */
export function addShot(shots: StudioShot[]): StudioShot[] {
  if (!canAdd(shots)) return shots;
  return [...shots, { id: newId(), prompt: "", duration: Math.min(3, secondsLeft(shots)), camera: null }];
}

/** A copy of shot `index` right after it (shortened to the room left). */
export function duplicateShot(shots: StudioShot[], index: number): StudioShot[] {
  const shot = shots[index];
  if (!shot || !canAdd(shots)) return shots;
  const next = [...shots];
  next.splice(index + 1, 0, { ...shot, id: newId(), duration: Math.min(shot.duration, secondsLeft(shots)) });
  return next;
}

export function removeShot(shots: StudioShot[], index: number): StudioShot[] {
  return shots.length <= SHOTS_MIN ? shots : shots.filter((_, i) => i !== index);
}

/** The lengths shot `index` may take: 1 s up to what keeps the total within 15 s. */
export function lengthChoices(shots: readonly StudioShot[], index: number): number[] {
  const most = MAX_TOTAL - (totalOf(shots) - shots[index]!.duration);
  return Array.from({ length: Math.max(1, most) }, (_, i) => i + 1);
}

/** What the storyboard will be: the custom shots, or the automatic split of the prompt over `duration`. */
export function plannedShots(storyboard: StoryboardSettings, prompt: string, duration: number): PlannedShot[] {
  return storyboard.type === "custom" ? storyboard.shots : prompt.trim() ? splitIntoShots(prompt, duration) : [];
}

/** The request's storyboard fields; the custom shots' lengths set its length. */
type StoryboardFields = { shotType: "custom" | "automatic"; duration: number; shots?: { prompt: string; duration: number; cameraControl?: CameraControl }[] };

export function storyboardRequest(storyboard: StoryboardSettings, duration: number): StoryboardFields {
  if (storyboard.type === "automatic") return { shotType: "automatic", duration };
  return {
    shotType: "custom",
    duration: totalOf(storyboard.shots),
    shots: storyboard.shots.map((shot) => ({ prompt: shot.prompt, duration: shot.duration, ...(shot.camera ? { cameraControl: shot.camera } : {}) })),
  };
}

/** Why the storyboard cannot be generated yet, in words, or null. */
export function storyboardMissing(storyboard: StoryboardSettings, prompt: string): string | null {
  if (storyboard.type === "automatic") return prompt.trim() ? null : "Write a prompt: it is split into shots at sentences and at “then”.";
  const empty = storyboard.shots.findIndex((shot) => !shot.prompt.trim());
  if (empty >= 0) return `Write a prompt for shot ${empty + 1}.`;
  return totalOf(storyboard.shots) < CLIP_SECONDS[0] ? `A video lasts at least ${CLIP_SECONDS[0]} s: lengthen a shot.` : null;
}

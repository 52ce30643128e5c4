import { SHOT_PROMPT_MAX, SHOTS_MAX, SHOTS_MIN } from "../validation/limits";

/**
 * Automatic storyboards: one prompt becomes shots, the way the hosted products' "smart" storyboard
 * does it, but in the open so the creator sees the split before Generate. Shots are cut at sentence
 * ends and at "then"; lengths are spread evenly over the total (earlier shots take the odd seconds).
 * Plain functions without zod: the studio shows the same split the server makes.
 */

export type PlannedShot = { prompt: string; duration: number };

/** The prompt's parts, in order: sentences, each cut again at "then" (", then", "and then"). */
export function promptParts(prompt: string): string[] {
  return prompt
    .split(/(?<=[.!?…])\s+|\n+/u)
    .flatMap((sentence) => sentence.split(/,?\s*\b(?:and\s+)?then\b[,:]?\s*/iu))
    .map((part) => part.trim().replace(/^[,;:\s]+|[,;\s]+$/gu, ""))
    .filter((part) => /[\p{L}\p{N}]/u.test(part));
}

/** `total` seconds over `count` shots, as evenly as whole seconds allow. */
export function spreadEvenly(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, i) => base + (i < total % count ? 1 : 0));
}

/**
 * The automatic split of `prompt` over `total` seconds: one shot per part (2–6, never more than
 * one per second; extra parts join the last shot). A prompt of one part gives two shots of it,
 * which the engine frames differently.
 */
export function splitIntoShots(prompt: string, total: number): PlannedShot[] {
  const parts = promptParts(prompt);
  const count = Math.max(SHOTS_MIN, Math.min(parts.length, SHOTS_MAX, total));
  const texts = parts.length < SHOTS_MIN ? Array.from({ length: count }, () => prompt.trim()) : [...parts.slice(0, count - 1), parts.slice(count - 1).join(". ")];
  const lengths = spreadEvenly(total, count);
  return texts.map((text, i) => ({ prompt: text.slice(0, SHOT_PROMPT_MAX).trim(), duration: lengths[i]! }));
}

/** When each shot starts, in seconds from the start of the video. */
export function shotStarts(shots: readonly { duration: number }[]): number[] {
  let at = 0;
  return shots.map((shot) => {
    const start = at;
    at += shot.duration;
    return start;
  });
}

/**
 * Where an element stands in a painted scene, read from the prompt's words. Depths are in the scene's
 * units (the plane at depth 1 fills the view at rest; the scene's layers: sky 60, far ridge 9, middle
 * ground 3.5, foreground 1.5–1.6), so a subject moves with the camera at the parallax of its depth.
 */

/** Depth words, checked in this order (the first that appears wins). */
const DEPTHS: readonly { depth: number; words: RegExp }[] = [
  { depth: 1, words: /\b(close[- ]?ups?|extreme close|up close|in front|in the foreground|foreground|nearby|near)\b/ },
  { depth: 5.5, words: /\b(in the distance|distant|far away|far off|faraway|far|on the horizon|in the background|background)\b/ },
  { depth: 2.4, words: /\b(middle ground|midground|in the middle)\b/ },
];
/** No depth word: just in front of the scene's foreground. */
export const DEFAULT_DEPTH = 1.3;

/** The depth the words of `text` ask for. */
export function depthFromWords(text: string): number {
  const lower = text.toLowerCase();
  return DEPTHS.find(({ words }) => words.test(lower))?.depth ?? DEFAULT_DEPTH;
}

/**
 * The words that describe each mention: the text from the previous mention (or the start) to the next
 * one (or the end), so "a close-up of @rex and @mia in the distance" puts rex close and mia far.
 * `mentions[i]` lists the spellings of subject i (`@name`, `<<<element_1>>>`); an unmentioned subject
 * gets the whole prompt.
 */
export function mentionContexts(prompt: string, mentions: readonly (readonly string[])[]): string[] {
  const lower = prompt.toLowerCase();
  const found = mentions.map((spellings) => {
    const at = spellings.map((s) => lower.indexOf(s.toLowerCase())).filter((i) => i >= 0);
    return at.length ? Math.min(...at) : -1;
  });
  const starts = found.filter((i) => i >= 0).sort((a, b) => a - b);
  return found.map((at) => {
    if (at < 0) return prompt;
    const k = starts.indexOf(at);
    return prompt.slice(k > 0 ? starts[k - 1] : 0, starts[k + 1] ?? prompt.length);
  });
}

/** A subject's place at rest, in its plane's view units (y down, the view spans y ∈ [-1, 1]). */
export type Standing = { depth: number; x: number; feet: number; height: number };

/** The camera's height over the ground and a subject's height, in depth-1 view units. */
const EYE_HEIGHT = 1;
const SUBJECT_HEIGHT = 1.4;

/**
 * Where subject `index` of `count` stands at `depth` on ground that meets the sky at `horizon`: feet
 * lower and figure taller the nearer it is (a pinhole camera over flat ground), spread left to right.
 */
export function standing(depth: number, horizon: number, aspect: number, index: number, count: number): Standing {
  const x = count > 1 ? aspect * 0.55 * ((2 * (index + 1)) / (count + 1) - 1) : 0;
  return { depth, x, feet: horizon + EYE_HEIGHT / depth, height: SUBJECT_HEIGHT / depth };
}

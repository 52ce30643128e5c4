// How a prompt names its references: `@name` in the studio (an element's name, any case) and Kling's
// `<<<element_n>>>` / `<<<image_n>>>` over the API. Pure functions, shared by the studio and submit.

const NAME_CHAR = /[\p{L}\p{N}_-]/u;

export type Mention = { name: string; start: number; end: number };

/** Where an `@` can begin a mention: at the start or after a character that is not part of a word (so e-mail addresses are not mentions). */
function mentionStarts(prompt: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < prompt.length; i++) {
    if (prompt[i] !== "@") continue;
    const before = prompt[i - 1];
    if (before === undefined || !(NAME_CHAR.test(before) || before === ".")) starts.push(i);
  }
  return starts;
}

/** The word after an `@` (what the person typed), for suggestions. */
export function typedWord(prompt: string, at: number): string {
  let end = at + 1;
  while (end < prompt.length && NAME_CHAR.test(prompt[end]!)) end++;
  return prompt.slice(at + 1, end);
}

/**
 * The mentions in the prompt: each `@` followed by one of `names` (the longest that fits, any
 * case, not running on into more of a word), and the `@word`s that match none.
 */
export function findMentions(prompt: string, names: readonly string[]): { matched: Mention[]; unknown: { word: string; start: number }[] } {
  const byLength = [...names].sort((a, b) => b.length - a.length);
  const matched: Mention[] = [];
  const unknown: { word: string; start: number }[] = [];
  for (const at of mentionStarts(prompt)) {
    const rest = prompt.slice(at + 1);
    const name = byLength.find((n) => rest.slice(0, n.length).toLowerCase() === n.toLowerCase() && !NAME_CHAR.test(rest[n.length] ?? " "));
    if (name) matched.push({ name, start: at, end: at + 1 + name.length });
    else {
      const word = typedWord(prompt, at);
      if (word) unknown.push({ word, start: at });
    }
  }
  return { matched, unknown };
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Up to `count` of `names` closest to `word` (prefix matches first, then by edit distance). */
export function closestNames(word: string, names: readonly string[], count = 3): string[] {
  const w = word.toLowerCase();
  const score = (name: string) => (name.toLowerCase().startsWith(w) ? -1 : distance(w, name.toLowerCase()));
  return [...names].sort((a, b) => score(a) - score(b) || a.localeCompare(b)).slice(0, count);
}

/** The element and image numbers the prompt's Kling references use (`<<<element_2>>>` → 2). */
export function klingTokens(prompt: string): { element: number[]; image: number[] } {
  const found = { element: [] as number[], image: [] as number[] };
  for (const match of prompt.matchAll(/<<<(element|image)_(\d+)>>>/g)) found[match[1] as "element" | "image"].push(Number(match[2]));
  return found;
}

/** The prompt as Kling reads it: each `@name` of the n-th element among `elementNames` becomes `<<<element_n>>>`. */
export function toKlingPrompt(prompt: string, elementNames: readonly string[]): string {
  const { matched } = findMentions(prompt, elementNames);
  let out = "";
  let from = 0;
  for (const mention of matched) {
    const n = elementNames.findIndex((name) => name.toLowerCase() === mention.name.toLowerCase()) + 1;
    out += `${prompt.slice(from, mention.start)}<<<element_${n}>>>`;
    from = mention.end;
  }
  return out + prompt.slice(from);
}

import { z } from "zod";

// The one wording of a refused field for every schema that does not word it itself, so no raw
// library text ("Too big: expected int to be <=9007199254740991") ever reaches a person.
// /api and the forms get sentences naming the field ("The seed must be a whole number."); the
// public API words the same refusal after the field it names ("Invalid seed: must be a whole
// number.", see lib/api/issues.ts).

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  bigint: "a whole number",
  date: "a date",
};

const quoteAll = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(", ");

function sizeLimit(issue: Issue & { origin?: string }, bound: number, word: "most" | "least"): string {
  switch (issue.origin) {
    case "string":
      return bound === 1 && word === "least" ? "must not be empty" : `must be at ${word} ${bound} characters long`;
    case "array":
    case "set":
      return `must have at ${word} ${bound} items`;
    case "file":
      return `must be at ${word} ${bound} bytes`;
    default:
      return `must be at ${word} ${bound}`;
  }
}

/** What is wrong with the field, as the end of a sentence that starts with its name ("must be a number"). */
export function problemOf(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return "is required";
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return issue.expected === "number" && typeof issue.input === "number" ? "must be a finite number" : `must be ${expected}`;
    }
    case "too_big": {
      if (issue.origin === "int" || issue.origin === "number" || issue.origin === "bigint") {
        // The safe-integer bound of .int() is no limit a person chose: say only that it is too large.
        if (Number(issue.maximum) >= Number.MAX_SAFE_INTEGER) return "is too large";
        return issue.inclusive ? `must be at most ${issue.maximum}` : `must be less than ${issue.maximum}`;
      }
      return sizeLimit(issue, Number(issue.maximum), "most");
    }
    case "too_small": {
      if (issue.origin === "int" || issue.origin === "number" || issue.origin === "bigint") {
        if (Number(issue.minimum) <= Number.MIN_SAFE_INTEGER) return "is too small";
        return issue.inclusive ? `must be at least ${issue.minimum}` : `must be more than ${issue.minimum}`;
      }
      return sizeLimit(issue, Number(issue.minimum), "least");
    }
    case "invalid_format":
      if (issue.format === "email") return "must be an email address, like you@example.com";
      if (issue.format === "url") return "must be an http(s) URL";
      if (issue.format === "regex") return "has characters that are not allowed here";
      return `must be a valid ${issue.format}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return `has ${issue.keys.length === 1 ? "an unknown field" : "unknown fields"} (${issue.keys.join(", ")}): remove ${issue.keys.length === 1 ? "it" : "them"}`;
    case "invalid_value":
      return issue.values.length === 1 ? `must be ${quoteAll(issue.values)}` : `must be one of ${quoteAll(issue.values)}`;
    case "invalid_union": {
      // A discriminated union names its options; a union of literals says them in its branches.
      const options = (issue as { options?: readonly unknown[] }).options;
      if (options?.length) return `must be one of ${quoteAll(options)}`;
      const branches = issue.errors.map((errors) => (errors.length === 1 && errors[0]!.code === "invalid_value" ? errors[0]!.values : null));
      return branches.length && branches.every(Boolean) ? `must be one of ${quoteAll(branches.flat() as unknown[])}` : "is not in an accepted form";
    }
    case "invalid_key":
      return "has a key that is not allowed";
    case "invalid_element":
      return "has a value that is not allowed";
    case "custom": {
      const params = issue.params as { reason?: string; codePoint?: string } | undefined;
      if (params?.reason === "control_character") return `contains a control character (${params.codePoint}); remove it`;
      if (params?.reason === "broken_character") return `contains half of a UTF-16 character pair (${params.codePoint}); send the text as valid Unicode`;
      return "is not valid";
    }
    default:
      return "is not valid";
  }
}

/** Query parameters whose names say little on their own. */
const LABELS: Record<string, string> = { q: "search text", before: "before cursor" };

/** "negativePrompt" → "negative prompt", ["cameraControl", "value"] → "camera control value"; "Idempotency-Key" stays. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  return path
    .map((part) =>
      typeof part === "number"
        ? `item ${part + 1}`
        : (LABELS[String(part)] ?? String(part).replace(/([a-z0-9])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`).replace(/_/g, " ")),
    )
    .join(" ");
}

/** A whole sentence naming the field: "The seed must be a whole number." */
export function sentenceFor(issue: Issue): string {
  const path = issue.path ?? [];
  const subject = path.length ? `The ${fieldLabel(path)}` : "The request body";
  return `${subject} ${problemOf(issue)}.`;
}

z.config({
  customError: sentenceFor,
  // In the browser, pages forbid eval (a CSP without 'unsafe-eval'): zod must not compile its parsers
  // with `new Function`, whose probe alone is reported as a policy violation. Every schema the browser
  // parses with comes through here (lib/validation/text.ts), so this costs no extra first-load bytes.
  ...(typeof window === "undefined" ? {} : { jitless: true }),
});

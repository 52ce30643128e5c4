import { z } from "zod";

// Every string that enters through a form, an API body, a path or a query string goes through
// one of these: PostgreSQL refuses NUL in text (a 500 if it got that far), and control
// characters in names, ids and prompts only ever come from a broken client or an attacker.
// Importing this module also installs the one error map for every schema (see ./messages).
import "./messages";
import { FORBIDDEN_CHARACTERS as FORBIDDEN } from "./limits";

const ALLOWED_IN_MULTILINE = new Set(["\n", "\t"]);

/** The first character `text` must not hold, or null. A multi-line text keeps its line breaks and tabs. */
export function forbiddenCharacter(text: string, multiline = false): string | null {
  if (!FORBIDDEN.test(text)) return null;
  for (const char of text) {
    if (FORBIDDEN.test(char) && !(multiline && ALLOWED_IN_MULTILINE.has(char))) return char;
  }
  return null;
}

/** U+0000, as messages name a character nobody can see. */
export const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

const refuseControl = (multiline: boolean) =>
  z.check<string>((ctx) => {
    const char = forbiddenCharacter(ctx.value, multiline);
    // No message here: the error map words it with the field's name (see ./messages).
    if (char === null) return;
    const reason = /\p{Cs}/u.test(char) ? "broken_character" : "control_character";
    ctx.issues.push({ code: "custom", input: ctx.value, params: { reason, codePoint: codePoint(char) }, continue: false });
  });

// A message given for the wrong type only: a schema-wide message would also replace the
// field-naming wording of the control-character refusal.
const stringOf = (typeMessage?: string) => z.string(typeMessage ? { error: (issue) => (issue.code === "invalid_type" ? typeMessage : undefined) } : undefined);

/** A one-line string (a name, an id, a key): no control characters at all. */
export const line = (typeMessage?: string) => stringOf(typeMessage).check(refuseControl(false));

/** A multi-line string (a prompt): line breaks and tabs are kept, other control characters refused. */
export const text = (typeMessage?: string) => stringOf(typeMessage).check(refuseControl(true));

/** A path segment or opaque token from a URL: present, plain and of a sane length. */
export const pathSegmentSchema = line().min(1).max(1024);

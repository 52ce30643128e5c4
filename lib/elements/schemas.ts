import { z } from "zod";
import { line } from "../validation/text";
import { ELEMENT_DESCRIPTION_MAX, ELEMENT_NAME_MAX, ELEMENT_TAGS } from "./limits";

// One schema per element request shape, shared by the Elements page, /api/elements and /v1.

export const elementNameSchema = line()
  .trim()
  .min(1, "Give the element a name.")
  .max(ELEMENT_NAME_MAX, `An element's name is at most ${ELEMENT_NAME_MAX} characters.`)
  // A prompt mentions the element as @name, so the name is what a mention can spell.
  .regex(/^[\p{L}\p{N}_-]+(?: [\p{L}\p{N}_-]+)*$/u, "An element's name uses letters, digits, - and _ (single spaces between words).");

export const elementDescriptionSchema = line()
  .trim()
  .max(ELEMENT_DESCRIPTION_MAX, `An element's description is at most ${ELEMENT_DESCRIPTION_MAX} characters.`)
  .default("");

export const elementTagSchema = z.enum(ELEMENT_TAGS, { error: `The tag is one of ${ELEMENT_TAGS.join(", ")}.` });

export const elementFieldsSchema = z.strictObject({
  name: elementNameSchema,
  description: elementDescriptionSchema,
  tag: elementTagSchema.default("other"),
});
export type ElementFields = z.output<typeof elementFieldsSchema>;

/** A change of name, description or tag: what is left out stays. */
export const elementUpdateSchema = z.strictObject({
  name: elementNameSchema.optional(),
  description: elementDescriptionSchema.optional(),
  tag: elementTagSchema.optional(),
});
export type ElementUpdate = z.output<typeof elementUpdateSchema>;

// Element limits without zod, so browser code (the Elements page, the studio's @mentions) can use them.
// They are Kling's (shared/reference/kling-api.md §1.10a, advanced-custom-elements).

export const ELEMENT_NAME_MAX = 20;
export const ELEMENT_DESCRIPTION_MAX = 100;
export const ELEMENT_TAGS = ["character", "animal", "prop", "outfit", "scene", "effect", "other"] as const;
export type ElementTag = (typeof ELEMENT_TAGS)[number];
/** Besides the frontal image. */
export const REFERENCE_IMAGES_MIN = 1;
export const REFERENCE_IMAGES_MAX = 3;
/** Elements and plain reference images one generation may name, together (Kling's omni-video slots). */
export const REFERENCES_MAX = 7;

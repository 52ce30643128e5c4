// The request limits without zod, so browser code can use them without shipping the schema library.

export const PROMPT_MAX = 2500;
export const CAMERA_AXES = ["horizontal", "vertical", "zoom", "pan", "tilt", "roll"] as const;
export const MASTER_SHOTS = ["down_back", "forward_up", "right_turn_forward", "left_turn_forward"] as const;
export const ASPECT_RATIOS = ["16:9", "9:16", "1:1"] as const;
export const MODES = ["standard", "professional"] as const;
export const CLIP_SECONDS = [5, 10] as const;

/** Characters no text field takes (lib/validation/text.ts): C0 and C1 controls, DEL, and UTF-16 halves with no partner. */
export const FORBIDDEN_CHARACTERS = /[\p{Cc}\p{Cs}]/u;

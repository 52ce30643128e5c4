// The request limits without zod, so browser code can use them without shipping the schema library.

export const PROMPT_MAX = 2500;
export const CAMERA_AXES = ["horizontal", "vertical", "zoom", "pan", "tilt", "roll"] as const;
export const MASTER_SHOTS = ["down_back", "forward_up", "right_turn_forward", "left_turn_forward"] as const;
export const ASPECT_RATIOS = ["16:9", "9:16", "1:1"] as const;
export const MODES = ["standard", "professional"] as const;
/** Every length a request may ask for, in seconds; which of them an engine makes is in lib/engines/capabilities.ts. */
export const CLIP_SECONDS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const;
/** Storyboards (Kling's multi_shot): 2–6 shots of at least 1 s, each prompt at most 512 characters. */
export const SHOTS_MIN = 2;
export const SHOTS_MAX = 6;
export const SHOT_PROMPT_MAX = 512;
/** custom: the creator writes each shot (Kling's `customize`); automatic: one prompt split into shots (`intelligence`). */
export const SHOT_TYPES = ["custom", "automatic"] as const;

/** Characters no text field takes (lib/validation/text.ts): C0 and C1 controls, DEL, and UTF-16 halves with no partner. */
export const FORBIDDEN_CHARACTERS = /[\p{Cc}\p{Cs}]/u;

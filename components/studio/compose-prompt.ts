export type PromptParts = { subject: string; action: string; scene: string; camera: string; lighting: string };

export const PROMPT_PARTS: { key: keyof PromptParts; label: string; example: string }[] = [
  { key: "subject", label: "Subject", example: "a red fox" },
  { key: "action", label: "Motion", example: "trots through fresh snow" },
  { key: "scene", label: "Scene", example: "in a birch forest at dawn" },
  { key: "camera", label: "Camera", example: "slow tracking shot" },
  { key: "lighting", label: "Light and mood", example: "soft golden backlight, mist" },
];

/** subject + motion + scene, then camera and light: the order video models follow best. */
export function composePrompt(parts: PromptParts): string {
  const clean = (s: string) => s.trim().replace(/[.,;\s]+$/, "");
  const core = [parts.subject, parts.action, parts.scene].map(clean).filter(Boolean).join(" ");
  const extras = [parts.camera, parts.lighting].map(clean).filter(Boolean);
  const sentence = [core, ...extras].filter(Boolean).join(", ");
  return sentence ? sentence.charAt(0).toUpperCase() + sentence.slice(1) + "." : "";
}

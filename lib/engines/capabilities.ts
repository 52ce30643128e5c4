import type { GenerationRequest } from "../validation/generation";

/** What a provider can combine. Kling, for one, refuses an end frame together with camera control. */
export type EngineCapabilities = { endImage: boolean; endImageWithCamera: boolean; audio: boolean };

export const ENGINE_CAPABILITIES: Record<string, EngineCapabilities> = {
  local: { endImage: true, endImageWithCamera: true, audio: true },
  // The shipped Wan 2.1 workflows take a start frame only and make no sound.
  comfyui: { endImage: false, endImageWithCamera: false, audio: false },
};

/** Why the provider cannot run this request, or null when it can. */
export function unsupportedByEngine(
  provider: string,
  request: GenerationRequest,
  table: Record<string, EngineCapabilities> = ENGINE_CAPABILITIES,
): { field: string; message: string } | null {
  const can = table[provider];
  if (!can) return { field: "provider", message: `The engine "${provider}" is not available on this server.` };
  const endImage = request.kind === "image_to_video" && Boolean(request.endImageId);
  if (endImage && !can.endImage) return { field: "endImageId", message: `The ${provider} engine cannot use an end frame. Remove it to continue.` };
  if (endImage && request.cameraControl && !can.endImageWithCamera) {
    return { field: "cameraControl", message: `The ${provider} engine cannot combine an end frame with camera control. Remove one of them.` };
  }
  if (request.audio && !can.audio) return { field: "audio", message: `The ${provider} engine cannot add audio. Turn audio off to continue.` };
  return null;
}

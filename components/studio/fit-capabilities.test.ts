import { describe, expect, it } from "vitest";
import { studioCapabilities } from "@/lib/engines/routing";
import { fitToCapabilities } from "./fit-capabilities";
import { DEFAULT_SETTINGS } from "./studio-store";

const frame = { assetId: "a", url: "/api/media/a", width: 640, height: 480, name: "a.png" };
const localOnly = studioCapabilities({});
const kling = studioCapabilities({ ENGINE_STANDARD: "kling:kling-v1", ENGINE_PROFESSIONAL: "kling:kling-v1-5", KLING_API_KEY: "k" });

describe("fitting studio settings to the configured engines", () => {
  it("changes nothing the local engine can do", () => {
    const s = { ...DEFAULT_SETTINGS, audio: true, duration: 10 as const, camera: { type: "master" as const, shot: "down_back" as const }, startFrame: frame, endFrame: frame };
    expect(fitToCapabilities("image_to_video", s, localOnly)).toBeNull();
  });

  it("drops audio and a camera move the routed Kling model cannot do at this length", () => {
    const s = { ...DEFAULT_SETTINGS, audio: true, duration: 10 as const, camera: { type: "axis" as const, axis: "pan" as const, value: 3 } };
    expect(fitToCapabilities("text_to_video", s, kling)).toEqual({ audio: false, camera: null });
    expect(fitToCapabilities("text_to_video", { ...s, audio: false, duration: 5 }, kling)).toBeNull();
  });

  it("moves to a mode that makes the video when the chosen one cannot", () => {
    // kling-v1-5 (professional) makes no text-to-video.
    expect(fitToCapabilities("text_to_video", { ...DEFAULT_SETTINGS, mode: "professional" }, kling)).toEqual({ mode: "standard" });
    // But never into professional mode for a plan without it.
    const proOnly = studioCapabilities({ ENGINE_STANDARD: "kling:kling-v1-5", KLING_API_KEY: "k" });
    expect(fitToCapabilities("text_to_video", DEFAULT_SETTINGS, proOnly, true)).toEqual({ mode: "professional" });
    expect(fitToCapabilities("text_to_video", DEFAULT_SETTINGS, proOnly, false)).toBeNull();
  });

  it("keeps the end frame and drops the camera where the two cannot be combined", () => {
    const s = { ...DEFAULT_SETTINGS, mode: "professional" as const, startFrame: frame, endFrame: frame, camera: { type: "axis" as const, axis: "zoom" as const, value: 2 } };
    expect(fitToCapabilities("image_to_video", s, kling)).toEqual({ camera: null });
    // In standard mode kling-v1 takes no end frame: the frame goes, and then the camera (none for v1 I2V) too.
    expect(fitToCapabilities("image_to_video", { ...s, mode: "standard" }, kling)).toEqual({ endFrame: null, camera: null });
  });
});

import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { checkTaskFields, mapCameraControl, toGenerationRequest } from "./map";

function refusal(run: () => unknown): { code: number; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("Kling fields → our generation request", () => {
  it("maps every supported field", () => {
    expect(
      toGenerationRequest("text2video", {
        prompt: "a lighthouse",
        negative_prompt: "fog",
        cfg_scale: 0.8,
        mode: "pro",
        duration: "10",
        aspect_ratio: "9:16",
        sound: "on",
        camera_control: { type: "simple", config: { horizontal: 0, vertical: 0, pan: 0, tilt: 0, roll: 0, zoom: -4 } },
      }),
    ).toEqual({ kind: "text_to_video", prompt: "a lighthouse", negativePrompt: "fog", cfgScale: 0.8, mode: "professional", duration: 10, aspectRatio: "9:16", audio: true, count: 1, cameraControl: { type: "axis", axis: "zoom", value: -4 } });
    expect(toGenerationRequest("image2video", { image: "x", camera_control: { type: "right_turn_forward" } }, { startImageId: "s", endImageId: "e" })).toEqual({
      kind: "image_to_video",
      prompt: "",
      negativePrompt: "",
      cfgScale: 0.5,
      mode: "standard",
      duration: 5,
      audio: false,
      count: 1,
      startImageId: "s",
      endImageId: "e",
      cameraControl: { type: "master", shot: "right_turn_forward" },
    });
  });

  it("refuses camera configs Kling refuses, naming the field", () => {
    expect(refusal(() => mapCameraControl({ type: "simple", config: { pan: 2, zoom: 3 } }))).toEqual({ code: 1201, message: expect.stringMatching(/camera_control\.config.*zoom and pan are/) });
    expect(refusal(() => mapCameraControl({ type: "simple" }))).toMatchObject({ message: expect.stringMatching(/exactly one.*none is/) });
    expect(refusal(() => mapCameraControl({ type: "forward_up", config: { zoom: 2 } }))).toMatchObject({ message: expect.stringMatching(/preset forward_up takes no config/) });
    expect(mapCameraControl({ type: "down_back", config: { zoom: 0 } })).toEqual({ type: "master", shot: "down_back" });
  });

  it("names the Kling field when our own rules refuse a value", () => {
    expect(refusal(() => checkTaskFields("text2video", { prompt: "   " }))).toEqual({ code: 1201, message: expect.stringMatching(/^Invalid prompt: /) });
    expect(() => checkTaskFields("image2video", { prompt: "" })).not.toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { generationRequestSchema, type GenerationRequestInput } from "../validation/generation";
import { capabilitiesOf, referencesUnsupported, unsupportedByEngine } from "./capabilities";

const parse = (input: GenerationRequestInput) => generationRequestSchema.parse(input);
const local = { engine: "local", model: null };
const kling = (model: string) => ({ engine: "kling", model });

const withBoth = parse({ kind: "image_to_video", startImageId: "a", endImageId: "b", mode: "professional", cameraControl: { type: "axis", axis: "pan", value: 3 } });

describe("engine capabilities", () => {
  it("let the local engine do everything the request schema allows", () => {
    expect(unsupportedByEngine(local, withBoth)).toBeNull();
    expect(unsupportedByEngine(local, parse({ kind: "text_to_video", prompt: "x", audio: true, duration: 10, cameraControl: { type: "master", shot: "down_back" } }))).toBeNull();
  });

  it("refuse an end frame with camera control on Kling, naming what to remove", () => {
    expect(unsupportedByEngine(kling("kling-v1-5"), { ...withBoth, duration: 5 })).toEqual({
      field: "cameraControl",
      message: "The kling engine (kling-v1-5) cannot combine an end frame with camera control. Remove one of them.",
    });
  });

  it("allow Kling camera control only where the model's capability map lists it", () => {
    const t2v = (mode: "standard" | "professional", duration: 5 | 10, shot = true) =>
      parse({ kind: "text_to_video", prompt: "x", mode, duration, cameraControl: shot ? { type: "master", shot: "forward_up" } : { type: "axis", axis: "zoom", value: 2 } });
    expect(unsupportedByEngine(kling("kling-v1"), t2v("standard", 5))).toBeNull();
    expect(unsupportedByEngine(kling("kling-v1"), t2v("standard", 10))).toMatchObject({ field: "cameraControl", message: expect.stringMatching(/cannot move the camera in standard mode at 10 s/) });
    expect(unsupportedByEngine(kling("kling-v1"), t2v("professional", 5))?.field).toBe("cameraControl");
    expect(unsupportedByEngine(kling("kling-v1-6"), t2v("standard", 5))?.field).toBe("cameraControl");
    // kling-v1-5 image-to-video: simple (single-axis) moves only, professional 5 s.
    const i2v = (camera: GenerationRequestInput["cameraControl"]) => parse({ kind: "image_to_video", startImageId: "a", mode: "professional", cameraControl: camera });
    expect(unsupportedByEngine(kling("kling-v1-5"), i2v({ type: "axis", axis: "roll", value: -3 }))).toBeNull();
    expect(unsupportedByEngine(kling("kling-v1-5"), i2v({ type: "master", shot: "down_back" }))?.message).toMatch(/only single-axis camera moves/);
  });

  it("refuse kinds, modes and audio a model does not offer", () => {
    expect(unsupportedByEngine(kling("kling-v1-5"), parse({ kind: "text_to_video", prompt: "x" }))).toEqual({
      field: "mode",
      message: "The kling engine (kling-v1-5) does not make text-to-video videos in standard mode. Choose another mode.",
    });
    expect(unsupportedByEngine(kling("kling-v2-6"), parse({ kind: "text_to_video", prompt: "x", audio: true }))?.field).toBe("audio");
    expect(unsupportedByEngine(kling("kling-v2-6"), parse({ kind: "text_to_video", prompt: "x", audio: true, mode: "professional" }))).toBeNull();
    expect(unsupportedByEngine(kling("kling-v1-6"), parse({ kind: "image_to_video", startImageId: "a", endImageId: "b" }))?.field).toBe("endImageId");
    expect(unsupportedByEngine(kling("kling-v9"), parse({ kind: "text_to_video", prompt: "x" }))?.message).toMatch(/not available/);
    expect(unsupportedByEngine({ engine: "nowhere", model: null }, parse({ kind: "text_to_video", prompt: "x" }))?.message).toMatch(/not available/);
  });

  it("describe each combination for the studio", () => {
    expect(capabilitiesOf(kling("kling-v2-6"), "text_to_video", "standard", 5)).toEqual({
      available: true,
      cfgScale: false,
      camera: "none",
      endImage: false,
      endImageWithCamera: false,
      audio: false,
      references: 7,
      storyboard: false,
    });
    expect(capabilitiesOf(kling("kling-v1"), "text_to_video", "standard", 5)).toMatchObject({ cfgScale: true, camera: "all" });
    expect(capabilitiesOf(kling("kling-v2-1"), "text_to_video", "standard", 5).available).toBe(false);
  });
});

describe("references", () => {
  it("are taken by the local engine and by Kling (through omni-video), by ComfyUI only as its template allows", () => {
    expect(referencesUnsupported({ engine: "local", model: null }, "text_to_video", 7)).toBeNull();
    expect(referencesUnsupported({ engine: "local", model: null }, "text_to_video", 8)).toBe("The local engine takes at most 7 references for text-to-video; this request has 8.");
    expect(referencesUnsupported(kling("kling-v3-omni"), "image_to_video", 7)).toBeNull();
    expect(referencesUnsupported(kling("kling-v1-6"), "text_to_video", 2)).toBeNull();
    expect(referencesUnsupported({ engine: "comfyui", model: null }, "text_to_video", 1)).toMatch(/^The comfyui engine takes no elements or reference images for text-to-video\./);
    expect(referencesUnsupported({ engine: "comfyui", model: null }, "text_to_video", 2, 2)).toBeNull();
    expect(referencesUnsupported({ engine: "comfyui", model: null }, "text_to_video", 0)).toBeNull();
  });
});

describe("storyboards and free lengths in the capability table", () => {
  const storyboard = (extra: Partial<GenerationRequestInput> = {}) =>
    parse({
      kind: "text_to_video",
      prompt: "",
      duration: 15,
      shots: [
        { prompt: "a harbour at dawn", duration: 4 },
        { prompt: "boats leave", duration: 5, cameraControl: { type: "axis", axis: "pan", value: 3 } },
        { prompt: "open sea", duration: 6 },
      ],
      ...extra,
    } as GenerationRequestInput);

  it("let local and kling-v3 make any length from 3 to 15 s, older models 5 or 10", () => {
    for (const duration of [3, 7, 15]) {
      expect(unsupportedByEngine(local, parse({ kind: "text_to_video", prompt: "x", duration }))).toBeNull();
      expect(unsupportedByEngine(kling("kling-v3"), parse({ kind: "text_to_video", prompt: "x", duration }))).toBeNull();
    }
    expect(unsupportedByEngine(kling("kling-v2-6"), parse({ kind: "text_to_video", prompt: "x", duration: 7 }))).toEqual({
      field: "duration",
      message: "The kling engine (kling-v2-6) cannot make 7 s videos in standard mode. Choose 5 or 10 seconds.",
    });
    expect(unsupportedByEngine({ engine: "comfyui", model: null }, parse({ kind: "text_to_video", prompt: "x", duration: 12 }))?.field).toBe("duration");
  });

  it("render storyboards on local (camera per shot) and kling-v3 (no camera), refuse them elsewhere naming the field", () => {
    expect(unsupportedByEngine(local, storyboard())).toBeNull();
    expect(unsupportedByEngine(kling("kling-v3"), storyboard())).toEqual({
      field: "shots.1.cameraControl",
      message: "The kling engine (kling-v3) cannot move the camera in standard mode at 15 s (shot 2). Set the camera to Automatic, or describe the move in the prompt.",
    });
    const still = storyboard({ duration: 10, shots: [{ prompt: "a", duration: 5 }, { prompt: "b", duration: 5 }] });
    expect(unsupportedByEngine(kling("kling-v3"), still)).toBeNull();
    expect(unsupportedByEngine(kling("kling-v2-6"), still)).toMatchObject({ field: "shots", message: expect.stringMatching(/cannot make storyboards/) });
    expect(unsupportedByEngine({ engine: "comfyui", model: null }, still)?.field).toBe("shots");
    expect(capabilitiesOf(local, "image_to_video", "professional", 13).storyboard).toBe(true);
  });
});

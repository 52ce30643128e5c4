import { describe, expect, it } from "vitest";
import { generationRequestSchema } from "../../validation/generation";
import { klingCameraControl, klingOmniBody, klingTaskBody } from "./request";

describe("Kling request bodies", () => {
  it("map a text-to-video request: std mode, string duration, aspect ratio, our id as external_task_id", () => {
    const request = generationRequestSchema.parse({
      kind: "text_to_video",
      prompt: "a fox in snow",
      negativePrompt: "blur",
      cfgScale: 0.7,
      duration: 10,
      aspectRatio: "9:16",
      cameraControl: { type: "master", shot: "left_turn_forward" },
    });
    expect(klingTaskBody({ generationId: "g1", request, model: "kling-v1", callbackUrl: "https://x.test/cb?generation=g1" })).toEqual({
      model_name: "kling-v1",
      prompt: "a fox in snow",
      negative_prompt: "blur",
      cfg_scale: 0.7,
      mode: "std",
      duration: "10",
      aspect_ratio: "9:16",
      camera_control: { type: "left_turn_forward" },
      external_task_id: "g1",
      callback_url: "https://x.test/cb?generation=g1",
    });
  });

  it("map image-to-video: pro mode, raw base64 frames, no empty prompt, no aspect ratio, no cfg_scale for v2 models, sound when asked", () => {
    const request = generationRequestSchema.parse({ kind: "image_to_video", startImageId: "a", endImageId: "b", mode: "professional", audio: true });
    const body = klingTaskBody({ generationId: "g2", request, model: "kling-v2-6", image: "AAAA", imageTail: "BBBB", callbackUrl: null });
    expect(body).toEqual({ model_name: "kling-v2-6", mode: "pro", duration: "5", sound: "on", image: "AAAA", image_tail: "BBBB", external_task_id: "g2" });
  });

  it("turn a single-axis move into a simple config with exactly that axis set", () => {
    expect(klingCameraControl({ type: "axis", axis: "tilt", value: -4 })).toEqual({
      type: "simple",
      config: { horizontal: 0, vertical: 0, pan: 0, tilt: -4, roll: 0, zoom: 0 },
    });
  });
});

describe("klingOmniBody", () => {
  it("puts reference images before the frames in image_list, elements in element_list, and rewrites @names", () => {
    const request = generationRequestSchema.parse({ kind: "image_to_video", startImageId: "s", prompt: "@Rex meets @mira", mode: "professional", duration: 10, audio: true });
    expect(
      klingOmniBody({ generationId: "g1", request, model: "kling-v3-omni", image: "START", imageTail: "END", referenceImages: ["REF"], elements: [{ name: "Mira", elementId: "e-1" }, { name: "Rex", elementId: "e-2" }], callbackUrl: null }),
    ).toEqual({
      model_name: "kling-v3-omni",
      mode: "pro",
      duration: "10",
      external_task_id: "g1",
      sound: "on",
      prompt: "<<<element_2>>> meets <<<element_1>>>",
      image_list: [{ image_url: "REF" }, { image_url: "START", type: "first_frame" }, { image_url: "END", type: "end_frame" }],
      element_list: [{ element_id: "e-1" }, { element_id: "e-2" }],
    });
  });
});

describe("Kling storyboards (multi_shot)", () => {
  it("send a custom storyboard as customize with each shot's prompt and string length", () => {
    const request = generationRequestSchema.parse({
      kind: "text_to_video",
      duration: 15,
      shots: [
        { prompt: "a harbour at dawn", duration: 4 },
        { prompt: "boats leave", duration: 5 },
        { prompt: "the open sea", duration: 6 },
      ],
    });
    expect(klingTaskBody({ generationId: "g3", request, model: "kling-v3", callbackUrl: null })).toEqual({
      model_name: "kling-v3",
      mode: "std",
      duration: "15",
      multi_shot: true,
      shot_type: "customize",
      multi_prompt: [
        { index: 1, prompt: "a harbour at dawn", duration: "4" },
        { index: 2, prompt: "boats leave", duration: "5" },
        { index: 3, prompt: "the open sea", duration: "6" },
      ],
      aspect_ratio: "16:9",
      external_task_id: "g3",
    });
  });

  it("send an automatic storyboard as intelligence with the prompt Kling splits", () => {
    const request = generationRequestSchema.parse({ kind: "image_to_video", startImageId: "a", prompt: "Dawn. Boats leave.", duration: 8, shotType: "automatic" });
    const body = klingTaskBody({ generationId: "g4", request, model: "kling-v3", image: "AAAA", callbackUrl: null });
    expect(body).toEqual({ model_name: "kling-v3", mode: "std", duration: "8", prompt: "Dawn. Boats leave.", multi_shot: true, shot_type: "intelligence", image: "AAAA", external_task_id: "g4" });
  });

  it("send a storyboard with elements through omni-video, each shot's @names rewritten", () => {
    const request = generationRequestSchema.parse({
      kind: "text_to_video",
      duration: 6,
      shots: [
        { prompt: "@Mira waves", duration: 3 },
        { prompt: "the harbour", duration: 3 },
      ],
    });
    const body = klingOmniBody({ generationId: "g5", request, model: "kling-v3-omni", referenceImages: [], elements: [{ name: "Mira", elementId: "e-1" }], callbackUrl: null });
    expect(body).toMatchObject({
      model_name: "kling-v3-omni",
      duration: "6",
      multi_shot: true,
      shot_type: "customize",
      multi_prompt: [
        { index: 1, prompt: "<<<element_1>>> waves", duration: "3" },
        { index: 2, prompt: "the harbour", duration: "3" },
      ],
      element_list: [{ element_id: "e-1" }],
    });
  });
});

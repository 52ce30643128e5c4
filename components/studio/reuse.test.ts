import { describe, expect, it } from "vitest";
import type { GenerationView } from "@/lib/generations/present";
import { reuseSettings } from "./reuse";
import { DEFAULT_STORYBOARD } from "./studio-store";

const base: GenerationView = {
  id: "g1",
  batchId: "b1",
  kind: "text_to_video",
  status: "succeeded",
  progress: 100,
  prompt: "A lantern over a lake",
  negativePrompt: "text",
  mode: "professional",
  duration: 10,
  aspectRatio: "9:16",
  cfgScale: 0.7,
  audio: true,
  seed: 42,
  cameraControl: { type: "axis", axis: "zoom", value: -6 },
  storyboard: null,
  startImageId: null,
  endImageId: null,
  parentId: null,
  cost: 40,
  refunded: false,
  error: null,
  favorite: false,
  createdAt: "2025-01-01T00:00:00.000Z",
  startedAt: null,
  finishedAt: null,
  video: null,
};

describe("reuseSettings", () => {
  it("brings back every setting of a text-to-video, one video at a time", () => {
    expect(reuseSettings(base, { start: null, end: null })).toEqual({
      tab: "text_to_video",
      settings: {
        prompt: "A lantern over a lake",
        negativePrompt: "text",
        cfgScale: 0.7,
        mode: "professional",
        duration: 10,
        aspectRatio: "9:16",
        count: 1,
        audio: true,
        seed: 42,
        camera: { type: "axis", axis: "zoom", value: -6 },
        startFrame: null,
        endFrame: null,
        storyboard: DEFAULT_STORYBOARD,
      },
    });
  });

  it("brings back a storyboard's shots, lengths and camera moves, and an automatic one's prompt", () => {
    const shots = [
      { prompt: "a harbour at dawn", duration: 4 },
      { prompt: "boats leave", duration: 5, cameraControl: { type: "master" as const, shot: "down_back" as const } },
    ];
    const custom = reuseSettings({ ...base, duration: 9, prompt: "a harbour at dawn / boats leave", cameraControl: null, storyboard: { type: "custom", prompt: "", shots } }, { start: null, end: null });
    expect(custom?.settings).toMatchObject({
      prompt: "",
      duration: 9,
      storyboard: {
        on: true,
        type: "custom",
        shots: [
          { prompt: "a harbour at dawn", duration: 4, camera: null },
          { prompt: "boats leave", duration: 5, camera: { type: "master", shot: "down_back" } },
        ],
      },
    });
    const automatic = reuseSettings({ ...base, prompt: "Dawn. Boats.", storyboard: { type: "automatic", prompt: "Dawn. Boats.", shots } }, { start: null, end: null });
    expect(automatic?.settings).toMatchObject({ prompt: "Dawn. Boats.", storyboard: { on: true, type: "automatic" } });
  });

  it("brings back an image-to-video's frames", () => {
    const start = { assetId: "a1", url: "/api/media/a1", width: 1280, height: 720 };
    const reuse = reuseSettings({ ...base, kind: "image_to_video", aspectRatio: "auto", startImageId: "a1" }, { start, end: null });
    expect(reuse?.tab).toBe("image_to_video");
    expect(reuse?.settings.startFrame).toMatchObject(start);
    expect(reuse?.settings.endFrame).toBeNull();
    expect(reuse?.settings.aspectRatio).toBe("16:9");
  });

  it("refuses kinds the studio has no tab for", () => {
    expect(reuseSettings({ ...base, kind: "extend" }, { start: null, end: null })).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import type { GenerationView } from "@/lib/generations/present";
import { reuseSettings } from "./reuse";

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
      },
    });
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

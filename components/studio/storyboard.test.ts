import { describe, expect, it } from "vitest";
import { studioCapabilities } from "@/lib/engines/routing";
import { generationRequestSchema } from "@/lib/validation/generation";
import { fitToCapabilities } from "./fit-capabilities";
import { buildRequest } from "./request";
import { addShot, duplicateShot, lengthChoices, moveShot, plannedShots, removeShot, storyboardMissing } from "./storyboard";
import { DEFAULT_SETTINGS, type StudioShot } from "./studio-store";

const shot = (id: string, duration: number, prompt = id): StudioShot => ({ id, prompt, duration, camera: null });
const three = [shot("a", 4), shot("b", 5), shot("c", 6)];

describe("the storyboard editor's edits", () => {
  it("reorders with earlier/later, never past the ends", () => {
    expect(moveShot(three, 1, -1).map((s) => s.id)).toEqual(["b", "a", "c"]);
    expect(moveShot(three, 2, 1)).toBe(three);
  });

  it("adds and duplicates only within 6 shots and 15 s, and keeps at least 2", () => {
    expect(addShot(three)).toBe(three); // 15 s already
    expect(addShot([shot("a", 4), shot("b", 5)]).at(-1)).toMatchObject({ prompt: "", duration: 3 });
    expect(duplicateShot([shot("a", 4), shot("b", 9)], 0).map((s) => [s.prompt, s.duration])).toEqual([["a", 4], ["a", 2], ["b", 9]]);
    expect(removeShot([shot("a", 1), shot("b", 1)], 0)).toHaveLength(2);
    expect(removeShot(three, 0).map((s) => s.id)).toEqual(["b", "c"]);
    expect(lengthChoices(three, 0)).toEqual([1, 2, 3, 4]);
  });

  it("builds the request the schema takes: a custom storyboard's length is its shots' total", () => {
    const settings = { ...DEFAULT_SETTINGS, storyboard: { on: true, type: "custom" as const, shots: three }, camera: { type: "master" as const, shot: "down_back" as const } };
    const request = generationRequestSchema.parse(buildRequest("text_to_video", settings));
    expect(request).toMatchObject({ duration: 15, shotType: "custom", shots: [{ prompt: "a", duration: 4 }, { prompt: "b", duration: 5 }, { prompt: "c", duration: 6 }] });
    expect(request.cameraControl).toBeUndefined();
    const automatic = { ...DEFAULT_SETTINGS, prompt: "Dawn. Then dusk.", duration: 7, storyboard: { ...settings.storyboard, type: "automatic" as const } };
    expect(generationRequestSchema.parse(buildRequest("text_to_video", automatic)).shots).toEqual(plannedShots(automatic.storyboard, automatic.prompt, 7));
  });

  it("says what is missing before Generate", () => {
    expect(storyboardMissing({ on: true, type: "custom", shots: [shot("a", 2), shot("b", 3, " ")] }, "")).toBe("Write a prompt for shot 2.");
    expect(storyboardMissing({ on: true, type: "automatic", shots: [] }, "")).toMatch(/split into shots/);
  });

  it("turns the storyboard off where the engine cannot make one, and keeps a custom storyboard's free total", () => {
    const kling = studioCapabilities({ ENGINE_STANDARD: "kling:kling-v1-6", KLING_API_KEY: "k" });
    const s = { ...DEFAULT_SETTINGS, duration: 15, storyboard: { on: true, type: "custom" as const, shots: three } };
    expect(fitToCapabilities("text_to_video", s, kling)).toEqual({ storyboard: { ...s.storyboard, on: false }, duration: 10 });
    expect(fitToCapabilities("text_to_video", s, studioCapabilities({}))).toBeNull();
    const v3 = studioCapabilities({ ENGINE_STANDARD: "kling:kling-v3", KLING_API_KEY: "k" });
    const moving = { ...s, storyboard: { ...s.storyboard, shots: [{ ...three[0]!, camera: { type: "axis" as const, axis: "pan" as const, value: 2 } }, three[1]!, three[2]!] } };
    expect(fitToCapabilities("text_to_video", moving, v3)).toEqual({ storyboard: { ...moving.storyboard, shots: three } });
  });
});

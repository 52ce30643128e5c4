import { describe, expect, it } from "vitest";
import { checkEngineConfig, engineRoute, engineRoutes, studioCapabilities } from "./routing";

describe("engine routing", () => {
  it("defaults both modes to the local engine", () => {
    expect(engineRoutes({})).toEqual({ standard: { engine: "local", model: null }, professional: { engine: "local", model: null } });
  });

  it("reads an engine and model per mode, with Kling's default model when none is named", () => {
    const env = { ENGINE_STANDARD: "kling", ENGINE_PROFESSIONAL: "kling:kling-v2-6" };
    expect(engineRoute("standard", env)).toEqual({ engine: "kling", model: "kling-v1-6" });
    expect(engineRoute("professional", env)).toEqual({ engine: "kling", model: "kling-v2-6" });
  });

  it("refuses an unknown engine or model, naming the variable", () => {
    expect(() => engineRoute("professional", { ENGINE_PROFESSIONAL: "kling:kling-v9" })).toThrow(/^ENGINE_PROFESSIONAL=kling:kling-v9: must be local, comfyui, kling/);
    expect(() => engineRoute("standard", { ENGINE_STANDARD: "local:big" })).toThrow(/ENGINE_STANDARD/);
  });

  it("stops start-up when Kling is routed but has no credentials", () => {
    expect(() => checkEngineConfig({ ENGINE_STANDARD: "kling" })).toThrow(/KLING_ACCESS_KEY: set KLING_ACCESS_KEY and KLING_SECRET_KEY/);
    expect(() => checkEngineConfig({ ENGINE_STANDARD: "kling", KLING_API_KEY: "k" })).not.toThrow();
    expect(() => checkEngineConfig({})).not.toThrow();
    expect(() => checkEngineConfig({ LOCAL_RENDER_QUALITY: "preview" })).not.toThrow();
    expect(() => checkEngineConfig({ LOCAL_RENDER_QUALITY: "high" })).toThrow(/LOCAL_RENDER_QUALITY/);
  });

  it("stops start-up when the old GENERATION_PROVIDER is set, saying what replaced it", () => {
    expect(() => checkEngineConfig({ GENERATION_PROVIDER: "comfyui" })).toThrow(
      "GENERATION_PROVIDER is no longer read: set ENGINE_STANDARD and ENGINE_PROFESSIONAL instead (e.g. ENGINE_STANDARD=comfyui).",
    );
  });

  it("tells the studio what each mode's engine can do", () => {
    const caps = studioCapabilities({ ENGINE_PROFESSIONAL: "kling:kling-v1-5", KLING_API_KEY: "k" });
    expect(caps.standard.text_to_video[10]).toMatchObject({ available: true, audio: true, camera: "all" });
    expect(caps.professional.text_to_video[5].available).toBe(false);
    expect(caps.professional.image_to_video[5]).toMatchObject({ available: true, camera: "axis", endImage: true, endImageWithCamera: false });
    expect(caps.professional.image_to_video[10].camera).toBe("none");
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadComfyuiConfig } from "./config";
import { WorkflowTemplateError } from "./template";
import defaultT2v from "./workflows/default-t2v.json";

describe("the ComfyUI configuration", () => {
  it("accepts the shipped templates for their kinds", () => {
    const config = loadComfyuiConfig({ COMFYUI_URL: "http://127.0.0.1:8188" });
    expect(config.templates.text_to_video.model.model).toMatch(/Wan 2\.1/);
    expect(config.templates.image_to_video.workflow["52"]).toEqual({ class_type: "LoadImage", inputs: { image: "{{image}}" } });
  });

  it("reads operator templates from COMFYUI_WORKFLOW_T2V/I2V and refuses a bad URL or file at load", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "comfy-template-"));
    const file = path.join(dir, "mine.json");
    writeFileSync(file, JSON.stringify({ ...defaultT2v, reelsmith: { ...defaultT2v.reelsmith, model: "LTX-Video", fps: 24, frameStep: 8 } }));
    const config = loadComfyuiConfig({ COMFYUI_URL: "http://gpu:8188/", COMFYUI_WORKFLOW_T2V: file, COMFYUI_RESTART_WAIT_SECONDS: "30" });
    expect(config.templates.text_to_video).toMatchObject({ source: file, model: { model: "LTX-Video", fps: 24 } });
    expect(config.restartWaitMs).toBe(30_000);
    expect(loadComfyuiConfig({ COMFYUI_URL: "https://proxy.lan/comfyui" }).url.href).toBe("https://proxy.lan/comfyui/");
    expect(() => loadComfyuiConfig({})).toThrow(/COMFYUI_URL is not set/);
    expect(() => loadComfyuiConfig({ COMFYUI_URL: "gpu:8188" })).toThrow(/http:\/\/ or https:\/\//);
    expect(() => loadComfyuiConfig({ COMFYUI_URL: "http://gpu:8188", COMFYUI_WORKFLOW_I2V: path.join(dir, "missing.json") })).toThrow(WorkflowTemplateError);
    writeFileSync(file, "{ not json");
    expect(() => loadComfyuiConfig({ COMFYUI_URL: "http://gpu:8188", COMFYUI_WORKFLOW_T2V: file })).toThrow(/Cannot read the ComfyUI workflow template .*mine\.json/);
  });
});

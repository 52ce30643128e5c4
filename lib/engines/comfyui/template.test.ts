import { describe, expect, it } from "vitest";
import { generationRequestSchema, type GenerationRequestInput } from "../../validation/generation";
import { fillWorkflow, modelCfg, parseWorkflowTemplate, renderGeometry, type ModelInfo } from "./template";

const model: ModelInfo = { model: "test", fps: 16, frameStep: 4, sizeStep: 16, shortSide: { standard: 480, professional: 720 }, cfg: { min: 3, max: 8 } };

function template(nodes: Record<string, unknown>) {
  return { reelsmith: model, prompt: nodes };
}

const t2vNodes = {
  "6": { class_type: "CLIPTextEncode", inputs: { text: "{{prompt}}", clip: ["38", 0] } },
  "7": { class_type: "CLIPTextEncode", inputs: { text: "{{negative_prompt}}", clip: ["38", 0] } },
  "40": { class_type: "EmptyHunyuanLatentVideo", inputs: { width: "{{width}}", height: "{{height}}", length: "{{frames}}", batch_size: 1 } },
  "3": { class_type: "KSampler", inputs: { seed: "{{seed}}", cfg: "{{cfg}}", steps: 30 } },
  "47": { class_type: "SaveWEBM", inputs: { fps: "{{fps}}", filename_prefix: "out" } },
};

const values = { prompt: "a fox", negative_prompt: "blur", seed: 42, width: 848, height: 480, frames: 81, cfg: 5.5, fps: 16 };

const request = (input: Partial<GenerationRequestInput>) => generationRequestSchema.parse({ kind: "text_to_video", prompt: "a fox", ...input } as GenerationRequestInput);

describe("workflow templates", () => {
  it("fills placeholders with typed values, leaving links and constants alone and the template untouched", () => {
    const parsed = parseWorkflowTemplate(template(t2vNodes), "text_to_video", "t.json");
    const filled = fillWorkflow(parsed, values);
    expect(filled["3"]!.inputs).toEqual({ seed: 42, cfg: 5.5, steps: 30 });
    expect(filled["40"]!.inputs).toEqual({ width: 848, height: 480, length: 81, batch_size: 1 });
    expect(filled["6"]!.inputs).toEqual({ text: "a fox", clip: ["38", 0] });
    expect(parsed.workflow["3"]!.inputs.seed).toBe("{{seed}}");
  });

  it("carries a prompt with quotes, braces and newlines as data, never as JSON text", () => {
    const parsed = parseWorkflowTemplate(template(t2vNodes), "text_to_video", "t.json");
    const hostile = `a "fox"}, "3": {"class_type": "Evil"}\n{{seed}}`;
    const body = JSON.stringify(fillWorkflow(parsed, { ...values, prompt: hostile }));
    const back = JSON.parse(body) as Record<string, { class_type: string; inputs: Record<string, unknown> }>;
    expect(back["6"]!.inputs.text).toBe(hostile);
    expect(back["3"]!.class_type).toBe("KSampler");
    expect(Object.keys(back).sort()).toEqual(Object.keys(t2vNodes).sort());
  });

  it("refuses a template missing a placeholder its kind needs, naming it", () => {
    const withoutNegative = Object.fromEntries(Object.entries(t2vNodes).filter(([id]) => id !== "7"));
    expect(() => parseWorkflowTemplate(template(withoutNegative), "text_to_video", "t.json")).toThrow(/t\.json[\s\S]*no \{\{negative_prompt\}\} placeholder/);
    expect(() => parseWorkflowTemplate(template(t2vNodes), "image_to_video", "i.json")).toThrow(/no \{\{image\}\} placeholder, which image-to-video needs/);
  });

  it("refuses unknown, partial and misplaced placeholders", () => {
    const unknown = { ...t2vNodes, "9": { class_type: "X", inputs: { steps: "{{stepz}}" } } };
    expect(() => parseWorkflowTemplate(template(unknown), "text_to_video", "t.json")).toThrow(/prompt\.9\.inputs\.steps: unknown placeholder \{\{stepz\}\}/);
    const spliced = { ...t2vNodes, "6": { class_type: "CLIPTextEncode", inputs: { text: "cinematic, {{prompt}}" } } };
    expect(() => parseWorkflowTemplate(template(spliced), "text_to_video", "t.json")).toThrow(/a placeholder must be the whole value/);
    const image = { ...t2vNodes, "52": { class_type: "LoadImage", inputs: { image: "{{image}}" } } };
    expect(() => parseWorkflowTemplate(template(image), "text_to_video", "t.json")).toThrow(/\{\{image\}\} has no value in a text-to-video workflow/);
  });

  it("refuses a file that is not a template, naming the field", () => {
    expect(() => parseWorkflowTemplate(t2vNodes, "text_to_video", "bare.json")).toThrow(/bare\.json[\s\S]*reelsmith/);
    expect(() => parseWorkflowTemplate({ ...template(t2vNodes), reelsmith: { ...model, fps: 0 } }, "text_to_video", "t.json")).toThrow(/reelsmith\.fps/);
    expect(() => parseWorkflowTemplate({ ...template(t2vNodes), reelsmith: { ...model, cfg: { min: 9, max: 2 } } }, "text_to_video", "t.json")).toThrow(/max must be at least min/);
  });

});

describe("reference placeholders", () => {
  const withReferences = (...names: string[]) =>
    template({ ...t2vNodes, ...Object.fromEntries(names.map((name, i) => [`r${i}`, { class_type: "LoadImage", inputs: { image: `{{${name}}}` } }])) });

  it("count the {{reference_image_N}} slots and fill them with the uploaded references, the last repeated for slots left over", () => {
    const parsed = parseWorkflowTemplate(withReferences("reference_image_1", "reference_image_2"), "text_to_video", "refs.json");
    expect(parsed.referenceSlots).toBe(2);
    const filled = fillWorkflow(parsed, { ...values, references: ["fox.png"] });
    expect([filled.r0!.inputs.image, filled.r1!.inputs.image]).toEqual(["fox.png", "fox.png"]);
    expect(parseWorkflowTemplate(template(t2vNodes), "text_to_video", "plain.json").referenceSlots).toBe(0);
  });

  it("must be numbered from 1 without gaps", () => {
    expect(() => parseWorkflowTemplate(withReferences("reference_image_2"), "text_to_video", "gap.json")).toThrow("{{reference_image_1}} is missing");
  });
});

describe("render geometry and CFG", () => {
  it("asks for the mode's short side in the requested shape, on the model's size grid", () => {
    expect(renderGeometry(model, request({ aspectRatio: "16:9" }))).toEqual({ width: 848, height: 480, fps: 16, frames: 81 });
    expect(renderGeometry(model, request({ aspectRatio: "9:16", mode: "professional" }))).toEqual({ width: 720, height: 1280, fps: 16, frames: 81 });
    expect(renderGeometry(model, request({ aspectRatio: "1:1", duration: 10 }))).toEqual({ width: 480, height: 480, fps: 16, frames: 161 });
  });

  it("follows the start image's shape for image-to-video", () => {
    const i2v = generationRequestSchema.parse({ kind: "image_to_video", startImageId: "x" });
    expect(renderGeometry(model, i2v, { width: 1200, height: 900 })).toMatchObject({ width: 640, height: 480 });
    expect(renderGeometry(model, i2v, { width: 900, height: 1600 })).toMatchObject({ width: 480, height: 848 });
  });

  it("makes at least duration × fps frames in the model's step·n + 1 form", () => {
    const ltx = { ...model, fps: 24, frameStep: 8 };
    const { frames } = renderGeometry(ltx, request({ duration: 5 }));
    expect(frames).toBe(121);
    expect((frames - 1) % 8).toBe(0);
    expect(frames).toBeGreaterThanOrEqual(120);
  });

  it("maps creativity 0 … relevance 1 linearly onto the model's CFG range", () => {
    expect(modelCfg(model, 0)).toBe(3);
    expect(modelCfg(model, 0.5)).toBe(5.5);
    expect(modelCfg(model, 1)).toBe(8);
    expect(modelCfg({ ...model, cfg: { min: 1, max: 10 } }, 1 / 3)).toBe(4);
  });
});

import { describe, expect, it } from "vitest";
import { generationRequestSchema } from "../validation/generation";
import { unsupportedByEngine } from "./capabilities";

const withBoth = generationRequestSchema.parse({
  kind: "image_to_video",
  startImageId: "a",
  endImageId: "b",
  cameraControl: { type: "axis", axis: "pan", value: 3 },
});

describe("engine capabilities", () => {
  it("let the local engine combine an end frame with camera control", () => {
    expect(unsupportedByEngine("local", withBoth)).toBeNull();
  });

  it("refuse the combination for a provider that cannot, naming what to remove", () => {
    const table = { strict: { endImage: true, endImageWithCamera: false, audio: false } };
    expect(unsupportedByEngine("strict", withBoth, table)).toEqual({
      field: "cameraControl",
      message: "The strict engine cannot combine an end frame with camera control. Remove one of them.",
    });
    const audio = generationRequestSchema.parse({ kind: "text_to_video", prompt: "x", audio: true });
    expect(unsupportedByEngine("strict", audio, table)?.field).toBe("audio");
    expect(unsupportedByEngine("nowhere", audio, table)?.message).toMatch(/not available/);
  });
});

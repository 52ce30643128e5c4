import { describe, expect, it } from "vitest";
import { generationRequestSchema } from "./generation";

const shot = (duration: number, prompt = "a harbour at dawn") => ({ prompt, duration });
const t2v = { kind: "text_to_video" as const };

function refusal(input: unknown): { path: string; message: string } {
  const parsed = generationRequestSchema.safeParse(input);
  if (parsed.success) throw new Error("accepted");
  const issue = parsed.error.issues[0]!;
  return { path: issue.path.join("."), message: issue.message };
}

describe("the storyboard request", () => {
  it("takes 2–6 shots whose lengths add up to the length, the prompt optional", () => {
    const request = generationRequestSchema.parse({ ...t2v, duration: 15, shots: [shot(4), shot(5), shot(6, "open sea")] });
    expect(request.shots?.map((s) => s.duration)).toEqual([4, 5, 6]);
    expect(request.shotType).toBe("custom");
    expect(request.prompt).toBe("");
  });

  it("splits an automatic storyboard's prompt into the shots the studio shows", () => {
    const request = generationRequestSchema.parse({ ...t2v, prompt: "Dawn. Boats leave. Open sea.", duration: 9, shotType: "automatic" });
    expect(request.shots).toEqual([
      { prompt: "Dawn.", duration: 3 },
      { prompt: "Boats leave.", duration: 3 },
      { prompt: "Open sea.", duration: 3 },
    ]);
  });

  it("takes free lengths from 3 to 15 s", () => {
    expect(generationRequestSchema.parse({ ...t2v, prompt: "x", duration: 3 }).duration).toBe(3);
    expect(generationRequestSchema.parse({ ...t2v, prompt: "x", duration: 15 }).duration).toBe(15);
  });

  it.each([
    ["1 shot", { ...t2v, duration: 5, shots: [shot(5)] }, "shots", /2 to 6 shots/],
    ["7 shots", { ...t2v, duration: 14, shots: Array.from({ length: 7 }, () => shot(2)) }, "shots", /2 to 6 shots/],
    ["a shot of 0 s", { ...t2v, duration: 5, shots: [shot(5), shot(0)] }, "shots.1.duration", /^Shot 2: its length must be a whole number of seconds, at least 1 \(it is 0\)\.$/],
    ["a shot of 1.5 s", { ...t2v, duration: 5, shots: [shot(3.5), shot(1.5)] }, "shots.0.duration", /Shot 1: its length must be a whole number/],
    ["lengths not adding up", { ...t2v, duration: 10, shots: [shot(4), shot(5)] }, "shots", /4 \+ 5 = 9 s but the video's length is 10 s/],
    ["a total over 15 s", { ...t2v, duration: 16, shots: [shot(8), shot(8)] }, "duration", /from 3 to 15/],
    ["a 513-character shot prompt", { ...t2v, duration: 5, shots: [shot(2), shot(3, "x".repeat(513))] }, "shots.1.prompt", /^Shot 2: its prompt is limited to 512 characters \(it has 513\)\.$/],
    ["an empty shot prompt", { ...t2v, duration: 5, shots: [shot(2), shot(3, "  ")] }, "shots.1.prompt", /Shot 2: write its prompt/],
    ["custom without shots", { ...t2v, prompt: "x", shotType: "custom" }, "shots", /needs its shots/],
    ["automatic without a prompt", { kind: "image_to_video", startImageId: "a", shotType: "automatic" }, "prompt", /write a prompt/],
    ["a camera for the whole storyboard", { ...t2v, duration: 5, shots: [shot(2), shot(3)], cameraControl: { type: "master", shot: "down_back" } }, "cameraControl", /on each shot/],
    ["an unknown storyboard type", { ...t2v, prompt: "x", shotType: "smart" }, "shotType", /custom or automatic/],
    ["an unknown shot field", { ...t2v, duration: 5, shots: [shot(2), { ...shot(3), transition: "fade" }] }, "shots.1", /transition/],
    ["a 2 s video", { ...t2v, prompt: "x", duration: 2 }, "duration", /from 3 to 15/],
    ["no prompt and no shots", { ...t2v }, "prompt", /Write a prompt/],
  ])("refuses %s, naming the field", (_, input, path, message) => {
    const got = refusal(input);
    expect(got.path).toBe(path);
    expect(got.message).toMatch(message);
  });
});

import { describe, expect, it } from "vitest";
import { downloadName, secondsLabel } from "./describe";

describe("downloadName", () => {
  it("names the file by the first words of the prompt, mode, length and id", () => {
    const name = downloadName({ id: "cmabc123xyz789", prompt: "A paper lantern, drifting over a calm lake at night!", kind: "text_to_video", mode: "standard", duration: 5 });
    expect(name).toBe("reelsmith-a-paper-lantern-drifting-over-a-standard-5s-xyz789.mp4");
  });

  it("keeps accented words readable and falls back to the kind without a prompt", () => {
    expect(downloadName({ id: "abcdef", prompt: "Café Ünïcode ✨", kind: "text_to_video", mode: "professional", duration: 10 })).toBe(
      "reelsmith-cafe-unicode-professional-10s-abcdef.mp4",
    );
    expect(downloadName({ id: "abcdef", prompt: "", kind: "image_to_video", mode: "standard", duration: 5 })).toBe("reelsmith-image-to-video-standard-5s-abcdef.mp4");
  });
});

describe("secondsLabel", () => {
  it("prefers the render's measured duration", () => {
    expect(secondsLabel({ duration: 5, video: null })).toBe("5 s");
    expect(secondsLabel({ duration: 5, video: { durationMs: 5040 } as never })).toBe("5 s");
    expect(secondsLabel({ duration: 10, video: { durationMs: 9960 } as never })).toBe("10 s");
  });
});

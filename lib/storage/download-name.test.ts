import { describe, expect, it } from "vitest";
import { attachmentDisposition, downloadFileName } from "./download-name";

describe("downloadFileName", () => {
  it.each([
    [null, "reelsmith-a1.mp4"],
    ["", "reelsmith-a1.mp4"],
    ["Sunset over the bay", "Sunset over the bay.mp4"],
    ["clip.mp4", "clip.mp4"],
    ["clip.MP4", "clip.mp4"],
    ["clip.exe", "clip.exe.mp4"],
    ["../../etc/passwd", "passwd.mp4"],
    ["C:\\Users\\me\\clip", "clip.mp4"],
    ['a"b<c>d|e?f*g:h', "abcdefgh.mp4"],
    ["line\nbreak\u0000", "linebreak.mp4"],
    ["clip\u202Eexe", "clipexe.mp4"],
    ["...", "reelsmith-a1.mp4"],
    ["x".repeat(300), `${"x".repeat(100)}.mp4`],
    ["Été à Paris", "Été à Paris.mp4"],
  ])("makes %j safe: %j", (requested, expected) => {
    expect(downloadFileName(requested, "a1", "video/mp4")).toBe(expected);
  });
});

describe("attachmentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name", () => {
    expect(attachmentDisposition("Été (1).mp4")).toBe(`attachment; filename="_t_ (1).mp4"; filename*=UTF-8''%C3%89t%C3%A9%20%281%29.mp4`);
    expect(attachmentDisposition("100% 'real'.png")).toBe(`attachment; filename="100_ 'real'.png"; filename*=UTF-8''100%25%20%27real%27.png`);
  });
});

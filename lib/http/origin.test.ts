import { describe, expect, it } from "vitest";
import { publicBaseUrl } from "./origin";

describe("publicBaseUrl", () => {
  it("builds links on NEXTAUTH_URL, else on the host the request came to", () => {
    const fallback = new URL("http://localhost:3000/v1/videos/text2video");
    const saved = process.env.NEXTAUTH_URL;
    try {
      delete process.env.NEXTAUTH_URL;
      expect(publicBaseUrl(new Headers({ host: "reels.lan:3000" }), fallback)).toBe("http://reels.lan:3000");
      expect(publicBaseUrl(new Headers({ host: "internal:3000", "x-forwarded-host": "reels.example.com", "x-forwarded-proto": "https" }), fallback)).toBe("https://reels.example.com");
      expect(publicBaseUrl(new Headers(), fallback)).toBe("http://localhost:3000");
      process.env.NEXTAUTH_URL = "https://reels.example.com/";
      expect(publicBaseUrl(new Headers({ host: "other" }), fallback)).toBe("https://reels.example.com");
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved;
    }
  });
});

import { describe, expect, it } from "vitest";
import { authOptions } from "./options";

const redirect = (url: string) => authOptions.callbacks!.redirect!({ url, baseUrl: "https://reels.example.com" });

describe("next-auth's return after sign-in", () => {
  it("follows same-origin paths, absolute or relative", async () => {
    expect(await redirect("/gallery?x=1")).toBe("https://reels.example.com/gallery?x=1");
    expect(await redirect("https://reels.example.com/account")).toBe("https://reels.example.com/account");
  });

  it.each(["https://evil.example/", "//evil.example", "/\t/evil.example", "/\n/evil.example", "https://reels.example.com.evil.example/", "javascript:alert(1)"])(
    "sends %j to the studio instead",
    async (url) => {
      expect(await redirect(url)).toBe("https://reels.example.com/studio");
    },
  );
});

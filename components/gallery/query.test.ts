import { describe, expect, it } from "vitest";
import type { GenerationView } from "@/lib/generations/present";
import { apiUrl, galleryHref, isFiltered, listFilter, matchesQuery, parseGalleryQuery } from "./query";

const parse = (search: string) => parseGalleryQuery(new URLSearchParams(search));

describe("gallery query", () => {
  it("drops control characters a URL smuggles into the search", () => {
    expect(parse(`q=${encodeURIComponent("red\u0000 fox\u001b")}`).q).toBe("red fox");
  });

  it("round-trips through the URL, ignoring unknown values", () => {
    const query = parse("kind=image_to_video&status=failed&favorites=1&q=%20fog%20");
    expect(query).toEqual({ kind: "image_to_video", status: "failed", favorites: true, q: "fog" });
    expect(parse(galleryHref(query).split("?")[1]!)).toEqual(query);
    expect(parse("kind=movie&status=x")).toEqual({ kind: "", status: "", favorites: false, q: "" });
    expect(isFiltered(parse(""))).toBe(false);
    expect(galleryHref(parse(""))).toBe("/gallery");
  });

  it("maps status groups to the API's statuses", () => {
    expect(listFilter(parse("status=failed"))).toEqual({ status: ["failed", "canceled"] });
    expect(apiUrl(parse("status=active&favorites=1&q=a b"), "c1", 24)).toBe("/api/generations?before=c1&limit=24&status=queued%2Crunning&favorite=1&q=a+b");
  });

  it("decides whether a live change belongs in the listing, as the server's filter would", () => {
    const g = { kind: "extend", status: "running", favorite: false, prompt: "Fog over the Harbour" } as GenerationView;
    expect(matchesQuery(parse(""), g)).toBe(true);
    expect(matchesQuery(parse("kind=extend&status=active&q=harbour"), g)).toBe(true);
    expect(matchesQuery(parse("kind=text_to_video"), g)).toBe(false);
    expect(matchesQuery(parse("status=done"), g)).toBe(false);
    expect(matchesQuery(parse("favorites=1"), g)).toBe(false);
    expect(matchesQuery(parse("q=lighthouse"), g)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { apiUrl, galleryHref, isFiltered, listFilter, parseGalleryQuery } from "./query";

const parse = (search: string) => parseGalleryQuery(new URLSearchParams(search));

describe("gallery query", () => {
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
});

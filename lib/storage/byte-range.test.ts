import { describe, expect, it } from "vitest";
import { parseRange } from "./byte-range";

describe("parseRange", () => {
  it.each([
    ["bytes=0-9", { start: 0, end: 9 }],
    ["bytes=10-", { start: 10, end: 99 }],
    ["bytes=-10", { start: 90, end: 99 }],
    ["bytes=-500", { start: 0, end: 99 }],
    ["bytes=90-500", { start: 90, end: 99 }],
    ["bytes=99-99", { start: 99, end: 99 }],
    [" bytes=5-6 ", { start: 5, end: 6 }],
  ])("reads %j of 100 bytes", (header, range) => {
    expect(parseRange(header, 100)).toEqual(range);
  });

  it.each(["bytes=100-", "bytes=100-200", "bytes=-0"])("calls %j of 100 bytes unsatisfiable", (header) => {
    expect(parseRange(header, 100)).toBe("unsatisfiable");
  });

  it("calls every range of an empty file unsatisfiable", () => {
    expect(parseRange("bytes=-1", 0)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-", 0)).toBe("unsatisfiable");
  });

  it.each([null, "", "bytes=-", "bytes=5-2", "bytes=0-1,5-6", "items=0-1", "bytes=a-b", "bytes=1.5-2"])("serves the whole file for %j", (header) => {
    expect(parseRange(header, 100)).toBeNull();
  });
});

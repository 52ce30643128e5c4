import { describe, expect, it } from "vitest";
import { checkUrl, isPublicAddress, UnsafeUrlError } from "./safe-fetch";

describe("user-given URLs", () => {
  it("tells public addresses from private, loopback, link-local and mapped ones", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"]) expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "not-an-ip"]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it("only takes http(s), and refuses literal private addresses up front", () => {
    expect(checkUrl("https://example.com/a.png").hostname).toBe("example.com");
    expect(() => checkUrl("file:///etc/passwd")).toThrow(UnsafeUrlError);
    expect(() => checkUrl("ftp://example.com/a.png")).toThrow(/only http and https/);
    expect(() => checkUrl("http://127.0.0.1:5432/")).toThrow(/private or local/);
    expect(() => checkUrl("http://[::1]/")).toThrow(/private or local/);
    expect(() => checkUrl("nonsense")).toThrow(/not a valid URL/);
  });
});

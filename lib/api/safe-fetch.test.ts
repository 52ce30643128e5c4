import { describe, expect, it } from "vitest";
import { checkUrl, isPublicAddress, UnsafeUrlError } from "./safe-fetch";

describe("user-given URLs", () => {
  it("tells public addresses from private, loopback, link-local and mapped ones", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"]) expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "not-an-ip"]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it.each([
    ["NAT64 well-known prefix to loopback", "64:ff9b::7f00:1"],
    ["NAT64 well-known prefix to a private address, dotted", "64:ff9b::10.0.0.1"],
    ["NAT64 local-use prefix", "64:ff9b:1::808:808"],
    ["6to4 of loopback", "2002:7f00:1::1"],
    ["6to4 of the metadata service", "2002:a9fe:a9fe::"],
    ["IPv4-mapped, dotted", "::ffff:169.254.169.254"],
    ["IPv4-mapped, hex", "::ffff:7f00:1"],
    ["IPv4-mapped, written out", "0:0:0:0:0:ffff:c0a8:0101"],
    ["IPv4-translated", "::ffff:0:10.1.2.3"],
    ["IPv4-compatible", "::127.0.0.1"],
    ["IPv4-compatible, hex", "::a00:1"],
    ["Teredo", "2001:0:4136:e378:8000:63bf:3fff:fdd2"],
    ["discard-only", "100::1"],
    ["the unspecified address", "0::0"],
    ["a zone-scoped link-local address", "fe80::1%eth0"],
  ])("refuses %s (%s)", (_, ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it("lets translations of public IPv4 addresses through", () => {
    for (const ip of ["64:ff9b::8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8", "::ffff:1.1.1.1"]) expect(isPublicAddress(ip), ip).toBe(true);
  });

  it("refuses without naming the address", () => {
    for (const url of ["http://127.0.0.1:5432/", "http://[64:ff9b::a00:1]/", "http://[2002:a9fe:a9fe::]/latest"]) {
      expect(() => checkUrl(url)).toThrow(new UnsafeUrlError("that URL points to a private or local address; only public addresses are reachable"));
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

import { describe, expect, it } from "vitest";
import { clientAddress, proxyTrust } from "./client-address";
import { PEER_ADDRESS_HEADER } from "./peer-address.mjs";

const from = (peer: string | null, forwardedFor?: string) =>
  new Headers({ ...(peer === null ? {} : { [PEER_ADDRESS_HEADER]: peer }), ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) });

describe("the client address", () => {
  it("is the connecting peer by default, whatever X-Forwarded-For says", () => {
    expect(clientAddress(from("203.0.113.7", "198.51.100.1"), proxyTrust({}))).toBe("203.0.113.7");
    expect(clientAddress(from("::ffff:203.0.113.7"), proxyTrust({}))).toBe("203.0.113.7");
    expect(clientAddress(from(null, "198.51.100.1"), proxyTrust({}))).toBe("unknown");
  });

  it("is what the N-th trusted proxy saw with TRUSTED_PROXY_HOPS=N; entries the client wrote further left do not count", () => {
    const one = proxyTrust({ TRUSTED_PROXY_HOPS: "1" });
    expect(clientAddress(from("10.0.0.2", "203.0.113.7"), one)).toBe("203.0.113.7");
    expect(clientAddress(from("10.0.0.2", "1.2.3.4, 203.0.113.7"), one)).toBe("203.0.113.7");
    const two = proxyTrust({ TRUSTED_PROXY_HOPS: "2" });
    expect(clientAddress(from("10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.0.9"), two)).toBe("203.0.113.7");
  });

  it("is the first address from our side that is not a TRUSTED_PROXIES range", () => {
    const trust = proxyTrust({ TRUSTED_PROXIES: "10.0.0.0/8, fd00::/8, 192.0.2.1" });
    expect(clientAddress(from("10.0.0.2", "1.2.3.4, 203.0.113.7, 192.0.2.1"), trust)).toBe("203.0.113.7");
    expect(clientAddress(from("198.51.100.3", "203.0.113.7"), trust)).toBe("198.51.100.3");
  });

  it("keys IPv6 clients by their /64", () => {
    expect(clientAddress(from("2001:db8:0:12:a:b:c:d"), proxyTrust({}))).toBe("2001:db8:0:12::/64");
    expect(clientAddress(from("2001:db8::1"), proxyTrust({}))).toBe("2001:db8:0:0::/64");
  });

  it("refuses bad settings, naming the variable", () => {
    expect(() => proxyTrust({ TRUSTED_PROXY_HOPS: "-1" })).toThrow("TRUSTED_PROXY_HOPS=-1: must be a whole number");
    expect(() => proxyTrust({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow('TRUSTED_PROXIES: "10.0.0.0/33" is not');
    expect(() => proxyTrust({ TRUSTED_PROXIES: "proxy.local" })).toThrow("TRUSTED_PROXIES");
    expect(() => proxyTrust({ TRUSTED_PROXY_HOPS: "1", TRUSTED_PROXIES: "10.0.0.1" })).toThrow("not both");
  });
});

import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";

/**
 * HTTP for addresses users give us (image URLs, callback URLs): http(s) only, a deadline, a size
 * cap, and no private, loopback or link-local destinations — checked on the address actually
 * connected to, so DNS cannot point a public name at an internal service.
 * API_ALLOW_PRIVATE_URLS=1 lifts the address check (tests, or a LAN-only install).
 */
export class UnsafeUrlError extends Error {}

const blocked = new net.BlockList();
for (const [address, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(address, prefix, "ipv4");
for (const [address, prefix] of [
  ["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8],
  ["64:ff9b:1::", 48], // NAT64 for local use (RFC 8215): translates to whatever the local network routes
  ["2001::", 32], // Teredo: tunnels to an IPv4 address hidden (inverted) in the address
  ["100::", 64], // discard-only
] as const) blocked.addSubnet(address, prefix, "ipv6");

const allowPrivate = () => process.env.API_ALLOW_PRIVATE_URLS === "1";

/** The 16 bytes of an IPv6 address (net.isIP has accepted it), including a trailing dotted IPv4 part. */
function ipv6Bytes(ip: string): Buffer {
  let text = ip.replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const fill = tail === undefined ? [] : Array<string>(8 - groups(head).length - groups(tail).length).fill("0");
  const bytes = Buffer.alloc(16);
  [...groups(head), ...fill, ...groups(tail)].forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2));
  return bytes;
}

const ipv4At = (bytes: Buffer, offset: number) => [...bytes.subarray(offset, offset + 4)].join(".");
const allZero = (bytes: Buffer) => bytes.every((b) => b === 0);

/**
 * The IPv4 address an IPv6 address reaches through a translation or tunnel, or null: IPv4-mapped
 * (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96), IPv4-compatible (::/96), NAT64's well-known
 * prefix (64:ff9b::/96) and 6to4 (2002::/16, the IPv4 address in bits 16–48).
 */
function embeddedIpv4(ip: string): string | null {
  const bytes = ipv6Bytes(ip);
  const prefix96 = bytes.subarray(0, 12);
  if (allZero(prefix96.subarray(0, 10)) && prefix96.readUInt16BE(10) === 0xffff) return ipv4At(bytes, 12);
  if (allZero(prefix96.subarray(0, 8)) && prefix96.readUInt16BE(8) === 0xffff && prefix96.readUInt16BE(10) === 0) return ipv4At(bytes, 12);
  if (allZero(prefix96) && !allZero(bytes.subarray(12))) return ipv4At(bytes, 12);
  if (prefix96.equals(Buffer.from([0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))) return ipv4At(bytes, 12);
  if (bytes.readUInt16BE(0) === 0x2002) return ipv4At(bytes, 2);
  return null;
}

export function isPublicAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 0) return false;
  if (family === 4) return !blocked.check(ip, "ipv4");
  const ipv4 = embeddedIpv4(ip);
  if (ipv4) return isPublicAddress(ipv4);
  return !blocked.check(ip, "ipv6");
}

// Never names the address a name resolved to: that would map the internal network for an attacker.
const refusal = () => new UnsafeUrlError("that URL points to a private or local address; only public addresses are reachable");

const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 4);
    const bad = allowPrivate() ? undefined : addresses.find((a) => !isPublicAddress(a.address));
    if (bad) return callback(refusal(), "", 4);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

export type SafeRequest = { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string; timeoutMs: number; maxBytes: number; maxRedirects?: number };
export type SafeResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** Checks a URL the user gave before anything is fetched: scheme and literal addresses. */
export function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError("not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UnsafeUrlError(`only http and https URLs are fetched, not ${url.protocol}`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // Literal addresses never reach the DNS lookup, so they are checked here.
  if (net.isIP(host) && !allowPrivate() && !isPublicAddress(host)) throw refusal();
  return url;
}

function once(url: URL, request: SafeRequest, deadline: number): Promise<SafeResponse> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, { method: request.method ?? "GET", headers: request.headers, lookup: guardedLookup, timeout: Math.max(1, deadline - Date.now()) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBytes) {
          req.destroy(new UnsafeUrlError(`the response is larger than ${Math.round(request.maxBytes / 1024 / 1024)} MB`));
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    const timer = setTimeout(() => req.destroy(new UnsafeUrlError(`no complete answer within ${Math.round(request.timeoutMs / 1000)} s`)), Math.max(1, deadline - Date.now()));
    req.on("timeout", () => req.destroy(new UnsafeUrlError(`no answer within ${Math.round(request.timeoutMs / 1000)} s`)));
    req.on("error", reject);
    req.on("close", () => clearTimeout(timer));
    req.end(request.body);
  });
}

/** One request (following up to `maxRedirects` redirects for GET, each checked again). */
export async function safeRequest(raw: string, request: SafeRequest): Promise<SafeResponse> {
  const deadline = Date.now() + request.timeoutMs;
  let url = checkUrl(raw);
  for (let hop = 0; ; hop++) {
    const response = await once(url, request, deadline);
    const location = response.headers.location;
    if ((request.method ?? "GET") !== "GET" || response.status < 300 || response.status >= 400 || !location) return response;
    if (hop >= (request.maxRedirects ?? 0)) throw new UnsafeUrlError("too many redirects");
    url = checkUrl(new URL(location, url).toString());
  }
}

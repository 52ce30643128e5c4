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
for (const [address, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) blocked.addSubnet(address, prefix, "ipv6");

const allowPrivate = () => process.env.API_ALLOW_PRIVATE_URLS === "1";

export function isPublicAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return isPublicAddress(mapped[1]!);
  const family = net.isIP(ip);
  if (family === 0) return false;
  return !blocked.check(ip, family === 4 ? "ipv4" : "ipv6");
}

function refuse(host: string, ip: string) {
  return new UnsafeUrlError(`${host} resolves to ${ip}, a private or local address; only public addresses are reachable.`);
}

const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 4);
    const bad = allowPrivate() ? undefined : addresses.find((a) => !isPublicAddress(a.address));
    if (bad) return callback(refuse(hostname, bad.address), "", 4);
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
  if (net.isIP(host) && !allowPrivate() && !isPublicAddress(host)) throw refuse(host, host);
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

import { BlockList, isIP } from "node:net";
import { PEER_ADDRESS_HEADER } from "./peer-address.mjs";

/**
 * The address a request came from, for per-address limits: one a client cannot choose. By
 * default that is the TCP peer (scripts/next-server.mjs puts it in PEER_ADDRESS_HEADER) and
 * X-Forwarded-For is ignored, since any client can write it. Behind reverse proxies, the operator
 * says which entries to believe: TRUSTED_PROXY_HOPS=N (the address the N-th proxy in front of us
 * saw), or TRUSTED_PROXIES=<CIDR list> (entries are walked from our side back while they are one
 * of those proxies). IPv6 clients are keyed by their /64, which one subscriber usually owns whole.
 */

type Env = Record<string, string | undefined>;
type Headers = { get(name: string): string | null };

export class ClientAddressConfigError extends Error {}

type Trust = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "cidrs"; list: BlockList };

/** What TRUSTED_PROXY_HOPS / TRUSTED_PROXIES say; throws ClientAddressConfigError naming the bad variable. */
export function proxyTrust(env: Env = process.env): Trust {
  const hops = env.TRUSTED_PROXY_HOPS || undefined;
  const cidrs = env.TRUSTED_PROXIES || undefined;
  if (hops && cidrs) throw new ClientAddressConfigError("Set TRUSTED_PROXY_HOPS or TRUSTED_PROXIES, not both.");
  if (hops) {
    const n = Number(hops);
    if (!Number.isInteger(n) || n < 0 || n > 10) throw new ClientAddressConfigError(`TRUSTED_PROXY_HOPS=${hops}: must be a whole number from 0 to 10.`);
    return n === 0 ? { kind: "none" } : { kind: "hops", hops: n };
  }
  if (!cidrs) return { kind: "none" };
  const list = new BlockList();
  for (const entry of cidrs.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
      throw new ClientAddressConfigError(`TRUSTED_PROXIES: "${entry}" is not an address or CIDR range such as 10.0.0.0/8 or fd00::/8.`);
    }
    list.addSubnet(address, bits, family === 6 ? "ipv6" : "ipv4");
  }
  return { kind: "cidrs", list };
}

/** IPv4-mapped IPv6 (::ffff:1.2.3.4, how a dual-stack socket reports IPv4) as plain IPv4. */
function normalise(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The limit key of an address: IPv4 as it is, IPv6 as its /64 prefix. */
function limitKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** The client address of a request as a per-address limit key ("unknown" when no server set the peer). */
export function clientAddress(headers: Headers, trust: Trust = proxyTrust()): string {
  const peer = headers.get(PEER_ADDRESS_HEADER);
  if (!peer) return "unknown";
  // Nearest first: the peer, then X-Forwarded-For from its right end (each proxy appends).
  const chain = [peer, ...(headers.get("x-forwarded-for") ?? "").split(",").reverse()].map(normalise).filter((a) => isIP(a) !== 0);
  let client = chain[0] ?? normalise(peer);
  if (trust.kind === "hops") client = chain[Math.min(trust.hops, chain.length - 1)] ?? client;
  if (trust.kind === "cidrs") client = chain.find((a) => !isTrusted(trust.list, a)) ?? chain.at(-1) ?? client;
  return limitKey(client);
}

import "server-only";
import { hkdfSync } from "node:crypto";

/**
 * The server key (API_SERVER_KEY; generated once into data/secrets/api-server-key by the runtime
 * boot) from which each use gets its own subkey: API secret keys are encrypted at rest with one,
 * signed media links are signed with another, so no key does two jobs.
 */
export type KeyPurpose = "api-secret-encryption" | "signed-media-links";

const cache = new Map<string, Buffer>();

export function serverSubkey(purpose: KeyPurpose): Buffer {
  const master = process.env.API_SERVER_KEY;
  if (!master) throw new Error("API_SERVER_KEY is not set: it encrypts API secret keys and signs download links.");
  const id = `${purpose}:${master}`;
  let key = cache.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", master, "reelsmith", purpose, 32));
    cache.set(id, key);
  }
  return key;
}

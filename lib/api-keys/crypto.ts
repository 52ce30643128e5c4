import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { serverSubkey } from "./server-key";

const VERSION = "v1";

/**
 * AES-256-GCM with a fresh 96-bit nonce per secret; the access key is authenticated data, so a
 * ciphertext copied onto another key's row does not decrypt. Stored as `v1.<nonce>.<tag>.<ciphertext>`.
 */
export function encryptSecret(secret: string, accessKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", serverSubkey("api-secret-encryption"), iv);
  cipher.setAAD(Buffer.from(accessKey));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** Throws when the stored value was altered, belongs to another key, or the server key changed. */
export function decryptSecret(stored: string, accessKey: string): string {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("Unreadable encrypted API secret.");
  const decipher = createDecipheriv("aes-256-gcm", serverSubkey("api-secret-encryption"), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(accessKey));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

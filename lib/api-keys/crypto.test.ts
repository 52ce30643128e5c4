import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./crypto";

describe("API secret encryption at rest", () => {
  it("round-trips, and never stores the secret or repeats a ciphertext", () => {
    const secret = "sk_the-secret-value";
    const a = encryptSecret(secret, "ak_one");
    const b = encryptSecret(secret, "ak_one");
    expect(a).not.toContain(secret);
    expect(a).not.toBe(b);
    expect(decryptSecret(a, "ak_one")).toBe(secret);
  });

  it("refuses a ciphertext moved to another key, altered, or read with another server key", () => {
    const stored = encryptSecret("sk_x", "ak_one");
    expect(() => decryptSecret(stored, "ak_two")).toThrow();
    const [v, iv, tag, ct] = stored.split(".");
    const flipped = Buffer.from(ct!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join("."), "ak_one")).toThrow();
    const original = process.env.API_SERVER_KEY;
    process.env.API_SERVER_KEY = "another-server-key";
    try {
      expect(() => decryptSecret(stored, "ak_one")).toThrow();
    } finally {
      process.env.API_SERVER_KEY = original;
    }
  });
});

import { createHmac, timingSafeEqual } from "node:crypto";

/** Compares by HMAC digests, so neither the length nor the content of the expected value leaks through timing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const key = "reelsmith-compare";
  return timingSafeEqual(createHmac("sha256", key).update(a).digest(), createHmac("sha256", key).update(b).digest());
}

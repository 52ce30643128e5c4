import { randomUUID } from "node:crypto";

export function uniqueEmail(tag = "user"): string {
  return `${tag}-${randomUUID().slice(0, 12)}@example.test`;
}

export const GOOD_PASSWORD = "Reelsmith-test-9!";

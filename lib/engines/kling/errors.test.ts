import { describe, expect, it } from "vitest";
import { actionFor, explainKlingError, KlingApiError } from "./errors";

describe("Kling error codes", () => {
  it("branch on the code, not the HTTP status", () => {
    expect([1003, 1004].map(actionFor)).toEqual(["resign", "resign"]);
    expect([1302, 1303, 5000, 5001].map(actionFor)).toEqual(["backoff", "backoff", "backoff", "backoff"]);
    expect(actionFor(5002)).toBe("ambiguous");
    // 429s that waiting does not fix.
    expect([1100, 1101, 1102, 1304].map(actionFor)).toEqual(["terminal", "terminal", "terminal", "terminal"]);
    expect([1000, 1201, 1301].map(actionFor)).toEqual(["terminal", "terminal", "terminal"]);
  });

  it("fall back on the HTTP status only without Kling's envelope", () => {
    expect(new KlingApiError(502, -1, "bad gateway", null).action).toBe("backoff");
    expect(new KlingApiError(429, -1, "slow down", null).action).toBe("backoff");
    expect(new KlingApiError(400, -1, "?", null).action).toBe("terminal");
  });

  it("explain terminal errors with who must act", () => {
    expect(explainKlingError(new KlingApiError(429, 1102, "resource pack exhausted", "r1"))).toBe(
      "The video service's resource pack is used up or expired (Kling 1102: resource pack exhausted). The operator must top it up.",
    );
    expect(explainKlingError(new KlingApiError(401, 1004, "expired", null))).toMatch(/check the server's clock/);
    expect(explainKlingError(new KlingApiError(400, 1201, "duration must be 5 or 10", null))).toBe("Kling refused the request (Kling 1201: duration must be 5 or 10).");
  });
});

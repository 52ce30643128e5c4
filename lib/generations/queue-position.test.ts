import { describe, expect, it } from "vitest";
import { estimatePlace } from "./queue-position";

describe("estimatePlace", () => {
  it("shares the jobs ahead among the busy workers, at the recent mean render time", () => {
    expect(estimatePlace(3, { renderSeconds: 10, running: 2 })).toEqual({ ahead: 3, etaSeconds: 18 });
    expect(estimatePlace(0, { renderSeconds: 10, running: 1 })).toEqual({ ahead: 0, etaSeconds: 5 });
    expect(estimatePlace(4, { renderSeconds: 10, running: 0 })).toEqual({ ahead: 4, etaSeconds: 40 });
  });

  it("gives no estimate without recent renders", () => {
    expect(estimatePlace(2, { renderSeconds: null, running: 3 })).toEqual({ ahead: 2, etaSeconds: null });
    expect(estimatePlace(2, undefined)).toEqual({ ahead: 2, etaSeconds: null });
  });
});

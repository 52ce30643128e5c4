import { describe, expect, it } from "vitest";
import { queuePlaceLabel, withQueuePlaces } from "./queue-place";

describe("queue place", () => {
  it("says where a job stands and about how long until it starts", () => {
    expect(queuePlaceLabel({ ahead: 2, etaSeconds: 41 })).toBe("3rd in line · about 40 s");
    expect(queuePlaceLabel({ ahead: 0, etaSeconds: 2 })).toBe("1st in line · starting soon");
    expect(queuePlaceLabel({ ahead: 10, etaSeconds: 300 })).toBe("11th in line · about 5 min");
    expect(queuePlaceLabel({ ahead: 21, etaSeconds: 7200 })).toBe("22nd in line · about 2 h");
    expect(queuePlaceLabel({ ahead: 111, etaSeconds: null })).toBe("112th in line");
  });

  it("moves only the queued views an event names", () => {
    const views = [
      { id: "a", status: "queued", queue: { ahead: 5, etaSeconds: 50 } },
      { id: "b", status: "running", queue: null },
      { id: "c", status: "queued", queue: null },
    ];
    const moved = withQueuePlaces(views, [
      { id: "a", queue: { ahead: 4, etaSeconds: 40 } },
      { id: "b", queue: { ahead: 0, etaSeconds: 1 } },
      { id: "z", queue: { ahead: 0, etaSeconds: 1 } },
    ]);
    expect(moved).toEqual([{ id: "a", status: "queued", queue: { ahead: 4, etaSeconds: 40 } }]);
  });
});

import { describe, expect, it } from "vitest";
import { LockTimeoutError, withAdvisoryLock } from "./advisory-lock";

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("withAdvisoryLock", () => {
  it("runs work under the same key one at a time, and other keys alongside", async () => {
    const first = gate();
    const started = gate();
    const order: string[] = [];
    const holder = withAdvisoryLock("test:a", 10_000, async () => {
      order.push("first in");
      started.open();
      await first.opened;
      order.push("first out");
    });
    await started.opened;
    const second = withAdvisoryLock("test:a", 10_000, async () => void order.push("second"));
    // A different key is not held up by the first.
    await withAdvisoryLock("test:b", 1_000, async () => void order.push("other key"));
    first.open();
    await Promise.all([holder, second]);
    expect(order).toEqual(["first in", "other key", "first out", "second"]);
  });

  it("gives up waiting after the timeout, runs nothing, and releases the lock when work throws", async () => {
    const release = gate();
    const started = gate();
    const holder = withAdvisoryLock("test:c", 10_000, async () => {
      started.open();
      await release.opened;
      throw new Error("work failed");
    });
    await started.opened;
    let ran = false;
    await expect(withAdvisoryLock("test:c", 200, async () => void (ran = true))).rejects.toBeInstanceOf(LockTimeoutError);
    expect(ran).toBe(false);
    release.open();
    await expect(holder).rejects.toThrow("work failed");
    expect(await withAdvisoryLock("test:c", 1_000, async () => "free again")).toBe("free again");
  });
});

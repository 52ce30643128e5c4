import { describe, expect, it } from "vitest";
import { createGeneration } from "@/tests/support/generations";
import { createTestUser } from "@/tests/support/users";
import { queuePlaceOf, queuePlacesOf } from "./queue-position";

// Orders before any another test file gives (those use 2020 and later): a job such a file left
// queued in this database is behind these, never between them.
const at = (seconds: number) => new Date(Date.UTC(1990, 0, 1) + seconds * 1000);

describe("queue positions", () => {
  it("counts the jobs that start before each queued job on its engine, the same one by one and for a whole feed", async () => {
    const [alice, bob] = [await createTestUser(), await createTestUser()];
    const a1 = await createGeneration(alice.id, { status: "queued", queueOrder: at(0) });
    const b1 = await createGeneration(bob.id, { status: "queued", queueOrder: at(5) });
    const a2 = await createGeneration(alice.id, { status: "queued", queueOrder: at(10) });
    // Another engine's queue, and a job no longer queued, are not ahead of anyone.
    await createGeneration(bob.id, { status: "queued", queueOrder: at(1), provider: "kling" });
    const done = await createGeneration(bob.id, { status: "succeeded", queueOrder: at(2) });

    const ahead = async (g: typeof a1) => (await queuePlaceOf(g))?.ahead;
    const [pa1, pb1, pa2] = [await ahead(a1), await ahead(b1), await ahead(a2)];
    expect(pb1! - pa1!).toBe(1);
    expect(pa2! - pb1!).toBe(1);
    expect(await queuePlaceOf(done)).toBeNull();

    const places = await queuePlacesOf([alice.id]);
    expect(places.get(alice.id)?.map((p) => [p.id, p.queue.ahead]).sort()).toEqual([[a1.id, pa1], [a2.id, pa2]].sort());
    expect(places.has(bob.id)).toBe(false);
  });
});

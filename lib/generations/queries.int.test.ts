import { describe, expect, it } from "vitest";
import { createGeneration } from "@/tests/support/generations";
import { createTestUser } from "@/tests/support/users";
import { findGeneration, listGenerations, setFavorite } from "./queries";

async function ids(userId: string, filter: Parameters<typeof listGenerations>[1]) {
  return (await listGenerations(userId, filter)).items.map((g) => g.prompt);
}

describe("listGenerations", () => {
  it("filters by kind, status and favourite, newest first", async () => {
    const user = await createTestUser();
    await createGeneration(user.id, { prompt: "one", createdAt: new Date("2025-01-01") });
    await createGeneration(user.id, { prompt: "two", kind: "image_to_video", aspectRatio: "auto", createdAt: new Date("2025-01-02") });
    await createGeneration(user.id, { prompt: "three", status: "failed", favorite: true, createdAt: new Date("2025-01-03") });
    await createGeneration(user.id, { prompt: "four", status: "running", createdAt: new Date("2025-01-04") });

    expect(await ids(user.id, {})).toEqual(["four", "three", "two", "one"]);
    expect(await ids(user.id, { kind: ["image_to_video"] })).toEqual(["two"]);
    expect(await ids(user.id, { status: ["failed", "running"] })).toEqual(["four", "three"]);
    expect(await ids(user.id, { favorite: true })).toEqual(["three"]);
    expect(await ids(user.id, { kind: ["text_to_video"], status: ["succeeded"] })).toEqual(["one"]);
  });

  it("searches prompts case-insensitively, taking % and _ literally", async () => {
    const user = await createTestUser();
    await createGeneration(user.id, { prompt: "A Lighthouse in fog" });
    await createGeneration(user.id, { prompt: "sale: 100% off_today" });
    await createGeneration(user.id, { prompt: "plain text" });
    await createGeneration(user.id, { prompt: "C:\\clips" });

    expect(await ids(user.id, { q: "lighthouse" })).toEqual(["A Lighthouse in fog"]);
    expect(await ids(user.id, { q: "  FOG " })).toEqual(["A Lighthouse in fog"]);
    expect(await ids(user.id, { q: "%" })).toEqual(["sale: 100% off_today"]);
    expect(await ids(user.id, { q: "1_0" })).toEqual([]);
    expect(await ids(user.id, { q: "off_to" })).toEqual(["sale: 100% off_today"]);
    expect(await ids(user.id, { q: "\\" })).toEqual(["C:\\clips"]);
  });

  it("pages through filtered results with the cursor, without repeats", async () => {
    const user = await createTestUser();
    const at = new Date("2025-02-01");
    // Same timestamp for all: the id breaks the tie.
    for (let i = 0; i < 5; i++) await createGeneration(user.id, { prompt: `cat ${i}`, createdAt: at });
    await createGeneration(user.id, { prompt: "dog", createdAt: at });

    const first = await listGenerations(user.id, { q: "cat", limit: 2 });
    const second = await listGenerations(user.id, { q: "cat", limit: 2, before: first.next! });
    const third = await listGenerations(user.id, { q: "cat", limit: 2, before: second.next! });
    const seen = [...first.items, ...second.items, ...third.items].map((g) => g.prompt);
    expect(new Set(seen).size).toBe(5);
    expect(seen.every((p) => p.startsWith("cat"))).toBe(true);
    expect(third.next).toBeNull();
  });
});

describe("setFavorite", () => {
  it("marks and unmarks the user's own generation", async () => {
    const user = await createTestUser();
    const g = await createGeneration(user.id);
    expect((await setFavorite(user.id, g.id, true))?.favorite).toBe(true);
    expect((await setFavorite(user.id, g.id, false))?.favorite).toBe(false);
  });

  it("does nothing to another user's generation", async () => {
    const [owner, other] = [await createTestUser(), await createTestUser()];
    const g = await createGeneration(owner.id);
    expect(await setFavorite(other.id, g.id, true)).toBeNull();
    expect((await findGeneration(owner.id, g.id))?.favorite).toBe(false);
  });
});

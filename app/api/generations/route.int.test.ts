import { describe, expect, it } from "vitest";
import { createGeneration } from "@/tests/support/generations";
import { authedRequest } from "@/tests/support/session";
import { createTestUser } from "@/tests/support/users";
import { GET } from "./route";

type ListBody = { generations: { prompt: string }[]; next: string | null; error?: { message: string } };

async function list(userId: string, query: string) {
  const response = await GET(await authedRequest(`/api/generations?${query}`, userId));
  return { status: response.status, body: (await response.json()) as ListBody };
}

const prompts = (body: ListBody) => body.generations.map((g) => g.prompt);

describe("GET /api/generations", () => {
  it("filters by kind, status, favourites and prompt words, and pages with before", async () => {
    const user = await createTestUser();
    await createGeneration(user.id, { prompt: "red fox in snow", favorite: true, createdAt: new Date("2025-03-01") });
    await createGeneration(user.id, { prompt: "blue whale", kind: "image_to_video", aspectRatio: "auto", createdAt: new Date("2025-03-02") });
    await createGeneration(user.id, { prompt: "red sunset", status: "failed", createdAt: new Date("2025-03-03") });
    await createGeneration(user.id, { prompt: "red planet", status: "queued", createdAt: new Date("2025-03-04") });

    expect(prompts((await list(user.id, "kind=image_to_video")).body)).toEqual(["blue whale"]);
    expect(prompts((await list(user.id, "status=active")).body)).toEqual(["red planet"]);
    expect(prompts((await list(user.id, "status=failed,canceled")).body)).toEqual(["red sunset"]);
    expect(prompts((await list(user.id, "favorite=1")).body)).toEqual(["red fox in snow"]);
    expect(prompts((await list(user.id, "q=RED&status=succeeded,failed")).body)).toEqual(["red sunset", "red fox in snow"]);

    const first = await list(user.id, "q=red&limit=2");
    expect(prompts(first.body)).toEqual(["red planet", "red sunset"]);
    const second = await list(user.id, `q=red&limit=2&before=${first.body.next}`);
    expect(prompts(second.body)).toEqual(["red fox in snow"]);
    expect(second.body.next).toBeNull();
  });

  it("shows nothing of other users", async () => {
    const [owner, other] = [await createTestUser(), await createTestUser()];
    await createGeneration(owner.id, { prompt: "secret garden" });
    expect(prompts((await list(other.id, "q=secret")).body)).toEqual([]);
  });

  it("says which parameter is wrong", async () => {
    const user = await createTestUser();
    for (const [query, message] of [
      ["kind=movie", /^The kind is/],
      ["status=done", /^The status is/],
      ["favorite=yes", /^The favorite filter is/],
      ["limit=500", /^The limit is at most 100\.$/],
      ["limit=1e400", /^The limit must be a finite number\.$/],
      ["q=%00", /^The search text contains a control character \(U\+0000\); remove it\.$/],
      ["before=a%01b", /^The before cursor contains a control character \(U\+0001\); remove it\.$/],
    ] as const) {
      const { status, body } = await list(user.id, query);
      expect(status).toBe(422);
      expect(body.error?.message).toMatch(message);
      expect(Object.keys((body.error as { fields?: object }).fields ?? {})).toEqual([query.split("=")[0]]);
    }
  });
});

import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { storeUploadedImage } from "@/lib/storage/assets";
import { createGeneration, storeTestMedia } from "@/tests/support/generations";
import { encodeImage } from "@/tests/support/images";
import { tempMediaDirPerFile } from "@/tests/support/media";
import { authedRequest } from "@/tests/support/session";
import { createTestUser } from "@/tests/support/users";
import { DELETE, GET, PATCH } from "./route";

tempMediaDirPerFile();

const route = (id: string) => ({ params: Promise.resolve({ id }) });
const json = (body: unknown) => ({ method: "PATCH", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

describe("GET /api/generations/[id]", () => {
  it("returns the generation with its frames' sizes, for reuse", async () => {
    const user = await createTestUser();
    const { asset } = await storeUploadedImage(user.id, encodeImage("png", 640, 360));
    const g = await createGeneration(user.id, { kind: "image_to_video", aspectRatio: "auto", startImageId: asset.id });
    const response = await GET(await authedRequest(`/api/generations/${g.id}`, user.id), route(g.id));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { generation: { id: string }; frames: unknown };
    expect(body.generation.id).toBe(g.id);
    expect(body.frames).toEqual({ start: { assetId: asset.id, url: `/api/media/${asset.id}`, width: 640, height: 360 }, end: null });
  });

  it("answers 404 for another user's generation", async () => {
    const [owner, other] = [await createTestUser(), await createTestUser()];
    const g = await createGeneration(owner.id);
    expect((await GET(await authedRequest(`/api/generations/${g.id}`, other.id), route(g.id))).status).toBe(404);
  });

  it("gives a queued generation its place in the queue, and a finished one none", async () => {
    const user = await createTestUser();
    const queued = await createGeneration(user.id, { status: "queued", queueOrder: new Date("2020-01-01") });
    const done = await createGeneration(user.id);
    const place = async (id: string) =>
      ((await (await GET(await authedRequest(`/api/generations/${id}`, user.id), route(id))).json()) as { generation: { queue: unknown } }).generation.queue;
    expect(await place(queued.id)).toEqual({ ahead: expect.any(Number), etaSeconds: expect.toBeOneOf([null, expect.any(Number)]) });
    expect(await place(done.id)).toBeNull();
  });
});

describe("PATCH /api/generations/[id]", () => {
  it("sets and clears the favourite", async () => {
    const user = await createTestUser();
    const g = await createGeneration(user.id);
    const on = await PATCH(await authedRequest(`/api/generations/${g.id}`, user.id, json({ favorite: true })), route(g.id));
    expect(on.status).toBe(200);
    expect(((await on.json()) as { generation: { favorite: boolean } }).generation.favorite).toBe(true);
    await PATCH(await authedRequest(`/api/generations/${g.id}`, user.id, json({ favorite: false })), route(g.id));
    expect((await db().generation.findUniqueOrThrow({ where: { id: g.id } })).favorite).toBe(false);
  });

  it("rejects a body that is not { favorite: boolean }", async () => {
    const user = await createTestUser();
    const g = await createGeneration(user.id);
    for (const body of [{ favorite: "yes" }, { favorite: true, prompt: "x" }, {}]) {
      const response = await PATCH(await authedRequest(`/api/generations/${g.id}`, user.id, json(body)), route(g.id));
      expect(response.status).toBe(422);
    }
  });

  it("answers 404 for another user's generation and changes nothing", async () => {
    const [owner, other] = [await createTestUser(), await createTestUser()];
    const g = await createGeneration(owner.id);
    const response = await PATCH(await authedRequest(`/api/generations/${g.id}`, other.id, json({ favorite: true })), route(g.id));
    expect(response.status).toBe(404);
    expect((await db().generation.findUniqueOrThrow({ where: { id: g.id } })).favorite).toBe(false);
  });

  it("refuses a signed-out caller", async () => {
    expect((await PATCH(await authedRequest("/api/generations/x", null, json({ favorite: true })), route("x"))).status).toBe(401);
  });
});

describe("DELETE /api/generations/[id]", () => {
  it("deletes a finished generation and its media", async () => {
    const user = await createTestUser();
    const video = await storeTestMedia(user.id, "video", "route delete");
    const g = await createGeneration(user.id, { outputVideoId: video.id });
    const response = await DELETE(await authedRequest(`/api/generations/${g.id}`, user.id, { method: "DELETE" }), route(g.id));
    expect(response.status).toBe(204);
    expect(await db().generation.findUnique({ where: { id: g.id } })).toBeNull();
    expect(await db().asset.findUnique({ where: { id: video.id } })).toBeNull();
  });

  it("answers 409 for a running job, asking to cancel it first", async () => {
    const user = await createTestUser();
    const g = await createGeneration(user.id, { status: "running" });
    const response = await DELETE(await authedRequest(`/api/generations/${g.id}`, user.id, { method: "DELETE" }), route(g.id));
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/cancel it first/);
  });

  it("answers 404 for another user's generation and deletes nothing", async () => {
    const [owner, other] = [await createTestUser(), await createTestUser()];
    const g = await createGeneration(owner.id);
    const response = await DELETE(await authedRequest(`/api/generations/${g.id}`, other.id, { method: "DELETE" }), route(g.id));
    expect(response.status).toBe(404);
    expect(await db().generation.findUnique({ where: { id: g.id } })).not.toBeNull();
  });
});

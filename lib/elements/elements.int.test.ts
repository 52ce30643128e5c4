import { describe, expect, it } from "vitest";
import { GET as getOne, DELETE as deleteRoute, PATCH } from "@/app/api/elements/[id]/route";
import { PUT as putImages } from "@/app/api/elements/[id]/images/route";
import { GET as list, POST as create } from "@/app/api/elements/route";
import { POST as submitRoute } from "@/app/api/generations/route";
import { db } from "@/lib/db/client";
import { creditBalance } from "@/lib/credits/ledger";
import { removeUnusedUploads } from "@/lib/storage/upload-sweep";
import { userWithCredits } from "@/tests/support/generations";
import { encodeImage } from "@/tests/support/images";
import { tempMediaDirPerFile } from "@/tests/support/media";
import { authedRequest } from "@/tests/support/session";
import { until } from "@/tests/support/wait";
import type { ElementSummary } from "./elements";

tempMediaDirPerFile();

type User = Awaited<ReturnType<typeof userWithCredits>>;
const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** Distinct pictures (different sizes, so uploads do not deduplicate into one). */
const picture = (n: number) => new File([new Uint8Array(encodeImage("jpg", 400 + n * 8, 400))], `photo-${n}.jpg`, { type: "image/jpeg" });

async function form(userId: string, url: string, method: string, fields: Record<string, string>, files: { frontal?: File; references?: File[] }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  if (files.frontal) body.set("frontal", files.frontal);
  for (const file of files.references ?? []) body.append("references", file);
  const encoded = new Response(body);
  const bytes = Buffer.from(await encoded.arrayBuffer());
  return authedRequest(url, userId, { method, body: bytes, headers: { "content-type": encoded.headers.get("content-type")!, "content-length": String(bytes.length) } });
}

async function createElement(user: User, name: string, references = 2): Promise<Response> {
  const files = { frontal: picture(0), references: Array.from({ length: references }, (_, i) => picture(i + 1)) };
  return create(await form(user.id, "/api/elements", "POST", { name, description: `${name} in a red coat`, tag: "character" }, files));
}

async function element(user: User, name: string): Promise<ElementSummary> {
  const response = await createElement(user, name);
  expect(response.status).toBe(201);
  return ((await response.json()) as { element: ElementSummary }).element;
}

async function submit(user: User, body: Record<string, unknown>) {
  return submitRoute(await authedRequest("/api/generations", user.id, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
}

const message = async (response: Response) => ((await response.json()) as { error: { message: string } }).error.message;

describe("elements: create, list, change, delete", () => {
  it("creates an element from a frontal image and reference images, lists it, renames it and replaces its pictures", async () => {
    const user = await userWithCredits("free");
    const made = await element(user, "Mira");
    expect(made).toMatchObject({ name: "Mira", description: "Mira in a red coat", tag: "character" });
    expect(made.frontalImage?.url).toMatch(/^\/api\/media\//);
    expect(made.referenceImages).toHaveLength(2);

    const listed = (await (await list(await authedRequest("/api/elements", user.id))).json()) as { elements: ElementSummary[] };
    expect(listed.elements.map((e) => e.id)).toEqual([made.id]);

    const renamed = await PATCH(await authedRequest(`/api/elements/${made.id}`, user.id, { method: "PATCH", body: JSON.stringify({ name: "Mira Two", tag: "outfit" }), headers: { "content-type": "application/json" } }), params(made.id));
    expect(((await renamed.json()) as { element: ElementSummary }).element).toMatchObject({ name: "Mira Two", tag: "outfit" });

    const replaced = await putImages(await form(user.id, `/api/elements/${made.id}/images`, "PUT", {}, { frontal: picture(7), references: [picture(8)] }), params(made.id));
    expect(replaced.status).toBe(200);
    const after = ((await replaced.json()) as { element: ElementSummary }).element;
    expect(after.referenceImages).toHaveLength(1);
    expect(after.frontalImage?.id).not.toBe(made.frontalImage?.id);
  });

  it("refuses a 21-character name, a 4th reference image, a missing one, a damaged image and a name already used, storing nothing", async () => {
    const user = await userWithCredits("free");
    const long = await createElement(user, "A".repeat(21));
    expect(long.status).toBe(422);
    expect(await message(long)).toBe("An element's name is at most 20 characters.");
    const four = await createElement(user, "Four", 4);
    expect(four.status).toBe(422);
    expect(await message(four)).toMatch(/1 to 3 reference images; this one has 4/);
    const none = await createElement(user, "None", 0);
    expect(none.status).toBe(422);
    const damaged = await create(
      await form(user.id, "/api/elements", "POST", { name: "Broken", tag: "prop" }, { frontal: picture(0), references: [picture(1), new File([new Uint8Array(encodeImage("png", 500, 500).subarray(0, 400))], "half.png", { type: "image/png" })] }),
    );
    expect(damaged.status).toBe(422);
    expect(await message(damaged)).toMatch(/^Reference image 2: /);
    expect(await db().asset.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().element.count({ where: { userId: user.id } })).toBe(0);

    await element(user, "Mira");
    const again = await createElement(user, "mira");
    expect(again.status).toBe(409);
    expect(await db().element.count({ where: { userId: user.id } })).toBe(1);
  });

  it("keeps elements private: another user's element reads as missing and cannot be changed, deleted or used", async () => {
    const owner = await userWithCredits("free");
    const other = await userWithCredits("free");
    const mine = await element(owner, "Rex");
    expect((await getOne(await authedRequest(`/api/elements/${mine.id}`, other.id), params(mine.id))).status).toBe(404);
    expect((await deleteRoute(await authedRequest(`/api/elements/${mine.id}`, other.id, { method: "DELETE" }), params(mine.id))).status).toBe(404);
    const patched = await PATCH(await authedRequest(`/api/elements/${mine.id}`, other.id, { method: "PATCH", body: JSON.stringify({ name: "Mine" }), headers: { "content-type": "application/json" } }), params(mine.id));
    expect(patched.status).toBe(404);
    const before = await creditBalance(other.id);
    const used = await submit(other, { kind: "text_to_video", prompt: "a dog runs", references: [{ kind: "element", elementId: mine.id }] });
    expect(used.status).toBe(422);
    expect(await message(used)).toMatch(/names no element of yours/);
    expect(await creditBalance(other.id)).toBe(before);
    expect(await db().generation.count({ where: { userId: other.id } })).toBe(0);
    // @Rex is the owner's name, not the other user's.
    const mentioned = await submit(other, { kind: "text_to_video", prompt: "@Rex runs" });
    expect(mentioned.status).toBe(422);
  });
});

describe("generations with references", () => {
  it("records @name mentions as references, and refuses deleting the element while the job is queued; finished, it may go and the video keeps its label", async () => {
    const user = await userWithCredits("free");
    const mira = await element(user, "Mira");
    const response = await submit(user, { kind: "text_to_video", prompt: "@mira walks through the rain" });
    expect(response.status).toBe(201);
    const { generations } = (await response.json()) as { generations: { id: string }[] };
    const id = generations[0]!.id;
    const stored = await db().generation.findUniqueOrThrow({ where: { id }, include: { references: true } });
    expect((stored.params as { request: { references: unknown } }).request.references).toEqual([{ kind: "element", elementId: mira.id }]);
    expect(stored.references).toMatchObject([{ position: 0, elementId: mira.id, label: "Mira" }]);

    const refused = await deleteRoute(await authedRequest(`/api/elements/${mira.id}`, user.id, { method: "DELETE" }), params(mira.id));
    expect(refused.status).toBe(409);
    expect(await message(refused)).toBe('"Mira" is used by a video that is queued or rendering. Delete it once it has finished, or cancel it.');

    const used = (await (await getOne(await authedRequest(`/api/elements/${mira.id}`, user.id), params(mira.id))).json()) as { videos: { id: string }[] };
    expect(used.videos.map((v) => v.id)).toEqual([id]);

    await db().generation.update({ where: { id }, data: { status: "succeeded" } });
    expect((await deleteRoute(await authedRequest(`/api/elements/${mira.id}`, user.id, { method: "DELETE" }), params(mira.id))).status).toBe(204);
    expect(await db().generationReference.findMany({ where: { generationId: id } })).toMatchObject([{ elementId: null, label: "Mira" }]);
  });

  it("refuses, charging nothing: an unknown @name (suggesting the closest), an 8th reference, <<<element_3>>> with two elements, a deleted element", async () => {
    const user = await userWithCredits("free");
    const mira = await element(user, "Mira");
    const milo = await element(user, "Milo");
    const before = await creditBalance(user.id);

    const unknown = await submit(user, { kind: "text_to_video", prompt: "@Mila dances" });
    expect(unknown.status).toBe(422);
    expect(await message(unknown)).toBe("You have no element named @Mila. Did you mean @Milo, @Mira?");

    const images = await db().elementImage.findMany({ where: { elementId: mira.id }, orderBy: { position: "asc" } });
    const seven = Array.from({ length: 7 }, (_, i) => ({ kind: "image", imageId: images[i % images.length]!.assetId }));
    const eighth = await submit(user, { kind: "text_to_video", prompt: "a parade", references: [...seven, { kind: "element", elementId: milo.id }] });
    expect(eighth.status).toBe(422);
    expect(await message(eighth)).toBe("A video takes at most 7 references (elements and reference images together).");
    const mentionedEighth = await submit(user, { kind: "text_to_video", prompt: "@Milo leads a parade", references: seven });
    expect(await message(mentionedEighth)).toBe("A video takes at most 7 references (elements and reference images together); this one has 8.");

    const token = await submit(user, { kind: "text_to_video", prompt: "<<<element_1>>> meets <<<element_3>>>", references: [{ kind: "element", elementId: mira.id }, { kind: "element", elementId: milo.id }] });
    expect(token.status).toBe(422);
    expect(await message(token)).toBe("The prompt refers to <<<element_3>>>, but the request has 2 elements.");

    await deleteRoute(await authedRequest(`/api/elements/${milo.id}`, user.id, { method: "DELETE" }), params(milo.id));
    const deleted = await submit(user, { kind: "text_to_video", prompt: "a walk", references: [{ kind: "element", elementId: milo.id }] });
    expect(deleted.status).toBe(422);

    expect(await creditBalance(user.id)).toBe(before);
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses references at submit on a ComfyUI template without {{reference_image_N}}, charging nothing", async () => {
    const user = await userWithCredits("free");
    await element(user, "Mira");
    const before = await creditBalance(user.id);
    const routed = process.env.ENGINE_STANDARD;
    process.env.ENGINE_STANDARD = "comfyui";
    try {
      const refused = await submit(user, { kind: "text_to_video", prompt: "@Mira sings" });
      expect(refused.status).toBe(422);
      expect(await message(refused)).toMatch(/^The comfyui engine takes no elements or reference images for text-to-video\./);
    } finally {
      if (routed === undefined) delete process.env.ENGINE_STANDARD;
      else process.env.ENGINE_STANDARD = routed;
    }
    expect(await creditBalance(user.id)).toBe(before);
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a delete racing a submit that names the element: either the element goes and the submit is refused, or it stays with the queued job", async () => {
    const user = await userWithCredits("free");
    for (let round = 0; round < 3; round++) {
      const made = await element(user, `Racer${round}`);
      const [submitted, deleted] = await Promise.all([
        submit(user, { kind: "text_to_video", prompt: `@Racer${round} sprints` }),
        deleteRoute(await authedRequest(`/api/elements/${made.id}`, user.id, { method: "DELETE" }), params(made.id)),
      ]);
      const exists = (await db().element.count({ where: { id: made.id } })) === 1;
      const jobs = await db().generationReference.count({ where: { elementId: made.id } });
      if (deleted.status === 204) {
        expect({ exists, submit: submitted.status }).toEqual({ exists: false, submit: 422 });
      } else {
        expect({ exists, deleted: deleted.status, submit: submitted.status, jobs }).toEqual({ exists: true, deleted: 409, submit: 201, jobs: 1 });
      }
    }
    // Every refused submit charged nothing: one spend per job that exists.
    const generations = await db().generation.count({ where: { userId: user.id } });
    expect(await db().creditEntry.count({ where: { userId: user.id, reason: "spend" } })).toBe(generations);
  });

  it("never sweeps an element's pictures as unused uploads", async () => {
    const user = await userWithCredits("free");
    const made = await element(user, "Kept");
    await removeUnusedUploads(new Date(Date.now() + 365 * 24 * 3600_000), 1, 10_000);
    expect(await db().asset.count({ where: { id: { in: [made.frontalImage!.id, ...made.referenceImages.map((r) => r.id)] } } })).toBe(3);
  });

  it("an element deleted after its check but before the submit's statement locks it: refused, and nothing is written or charged", async () => {
    const user = await userWithCredits("free");
    const doomed = await element(user, "Doomed");
    const before = await creditBalance(user.id);
    const [{ started }] = await db().$queryRaw<[{ started: Date }]>`SELECT now() AS started`;
    const lockWaiters = async () =>
      (await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)[0]!.n;
    let refused: Promise<Response> | undefined;
    // Delete the element as deleteElement does (its row locked FOR UPDATE) while the submit, its references already
    // checked, waits to lock that row for its statement.
    await db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Element" WHERE id = ${doomed.id} FOR UPDATE`;
      refused = submit(user, { kind: "text_to_video", prompt: "@Doomed waves goodbye" });
      await until("the submit to wait on the element's row", async () => (await lockWaiters()) >= 1);
      await tx.$executeRaw`DELETE FROM "Element" WHERE id = ${doomed.id}`;
    });
    const response = await refused!;
    expect(response.status).toBe(422);
    expect(await message(response)).toBe("The element Doomed was deleted meanwhile: remove it from the prompt.");
    expect(await creditBalance(user.id)).toBe(before);
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().creditEntry.count({ where: { userId: user.id, reason: "spend" } })).toBe(0);
    const jobs = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE created_on >= ${started}::timestamptz`;
    expect(jobs[0]!.n).toBe(0);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { GET as getElement } from "@/app/v1/general/advanced-custom-elements/[id]/route";
import { POST as createElement } from "@/app/v1/general/advanced-custom-elements/route";
import { creditBalance } from "@/lib/credits/ledger";
import { db } from "@/lib/db/client";
import { stopQueue } from "@/lib/queue/boss";
import { apiCaller, callApi, type TestCaller } from "@/tests/support/api";
import { encodeImage } from "@/tests/support/images";
import { tempMediaDirPerFile } from "@/tests/support/media";
import { GET as getTask } from "./[id]/route";
import { POST as create, GET as list } from "./route";

tempMediaDirPerFile();
afterAll(() => stopQueue());

type ElementTask = { task_id: string; task_status: string; task_result: { elements: { element_id: string; element_name: string; tag_list: { tag_id: string }[] }[] } };

const b64 = (n: number) => encodeImage("jpg", 400 + n * 8, 400).toString("base64");

async function element(caller: TestCaller, name: string, refer = 2) {
  return callApi<ElementTask>(createElement, {
    method: "POST",
    path: "/v1/general/advanced-custom-elements",
    authorization: caller.bearer,
    body: {
      element_name: name,
      element_description: `${name} the cat`,
      reference_type: "image_refer",
      element_image_list: { frontal_image: b64(0), refer_images: Array.from({ length: refer }, (_, i) => ({ image_url: b64(i + 1) })) },
      tag_list: [{ tag_id: "o_103" }],
    },
  });
}

const omni = (caller: TestCaller, body: unknown) => callApi(create, { method: "POST", path: "/v1/videos/omni-video", authorization: caller.bearer, body });

describe("Kling-compatible elements and omni-video", () => {
  it("creates an element (a task that has succeeded, its id the element_id) and queries it; another key's user cannot", async () => {
    const caller = await apiCaller();
    const made = await element(caller, "Tom");
    expect(made).toMatchObject({ httpStatus: 200, code: 0, data: { task_status: "succeed", task_result: { elements: [{ element_name: "Tom", tag_list: [{ tag_id: "o_103" }] }] } } });
    const id = made.data!.task_result.elements[0]!.element_id;
    expect(id).toBe(made.data!.task_id);
    expect((await callApi<ElementTask>(getElement, { path: `/v1/general/advanced-custom-elements/${id}`, authorization: caller.bearer, params: { id } })).data?.task_id).toBe(id);
    const other = await apiCaller();
    expect(await callApi(getElement, { path: `/v1/general/advanced-custom-elements/${id}`, authorization: other.bearer, params: { id } })).toMatchObject({ httpStatus: 404, code: 1203 });
  });

  it("refuses a 21-character name and a 4th reference image with 1201 naming the field, storing nothing", async () => {
    const caller = await apiCaller();
    expect(await element(caller, "B".repeat(21))).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringMatching(/element_name.*at most 20 characters/) });
    expect(await element(caller, "Four", 4)).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringMatching(/refer_images.*1 to 3 images/) });
    expect(await db().asset.count({ where: { userId: caller.userId } })).toBe(0);
  });

  it("creates an omni-video task with an element and a reference image, queried and listed as omni-video", async () => {
    const caller = await apiCaller();
    const id = (await element(caller, "Tom")).data!.task_id;
    const answer = await omni(caller, { prompt: "<<<element_1>>> chases <<<image_1>>>", element_list: [{ element_id: id }], image_list: [{ image_url: b64(5) }], aspect_ratio: "1:1", external_task_id: "omni-1" });
    expect(answer).toMatchObject({ httpStatus: 200, code: 0, data: { task_status: "submitted", task_info: { external_task_id: "omni-1" } } });
    const g = await db().generation.findUniqueOrThrow({ where: { id: answer.data!.task_id }, include: { references: { orderBy: { position: "asc" } } } });
    expect(g).toMatchObject({ kind: "text_to_video", aspectRatio: "1:1", prompt: "<<<element_1>>> chases <<<image_1>>>" });
    expect(g.references).toMatchObject([{ elementId: id, label: "Tom" }, { elementId: null, imageId: expect.any(String) }]);
    expect(await callApi(getTask, { path: "/v1/videos/omni-video/omni-1", authorization: caller.bearer, params: { id: "omni-1" } })).toMatchObject({ code: 0, data: { task_id: g.id } });
    const listed = await callApi<{ task_id: string }[]>(list, { path: "/v1/videos/omni-video", authorization: caller.bearer });
    expect(listed.data?.map((t) => t.task_id)).toEqual([g.id]);
  });

  it("refuses, charging nothing and keeping no image: an 8th reference, another user's element, <<<element_3>>> with two, an end frame alone", async () => {
    const caller = await apiCaller();
    const other = await apiCaller();
    const tom = (await element(caller, "Tom")).data!.task_id;
    const tim = (await element(caller, "Tim")).data!.task_id;
    const foreign = (await element(other, "Rex")).data!.task_id;
    const images = await db().asset.count({ where: { userId: caller.userId } });
    const before = await creditBalance(caller.userId);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ prompt: "a parade", element_list: [{ element_id: tom }], image_list: Array.from({ length: 7 }, (_, i) => ({ image_url: b64(i + 3) })) }, /at most 7 entries together/],
      [{ prompt: "a dog", element_list: [{ element_id: foreign }] }, /names no element of yours/],
      [{ prompt: "<<<element_3>>> runs", element_list: [{ element_id: tom }, { element_id: tim }] }, /<<<element_3>>>, but the request has 2 elements/],
      [{ prompt: "a sunset", image_list: [{ image_url: b64(4), type: "end_frame" }] }, /an end_frame needs a first_frame/],
    ];
    for (const [body, message] of cases) expect(await omni(caller, body)).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringMatching(message) });
    expect(await creditBalance(caller.userId)).toBe(before);
    expect(await db().generation.count({ where: { userId: caller.userId } })).toBe(0);
    expect(await db().asset.count({ where: { userId: caller.userId } })).toBe(images);
  });
});

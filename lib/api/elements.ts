import "server-only";
import { createElement, elementWithVideos, listElements, type ElementSummary } from "../elements/elements";
import type { ElementTag } from "../elements/limits";
import type { ApiCaller } from "./auth";
import { klingRefusal } from "./errors";
import { readImageField } from "./images";
import { ELEMENT_TAG_IDS, type ElementRequest, type ElementTask } from "./schemas";

// Kling's element API (advanced-custom-elements) over our elements: an element is made at once,
// so its task has succeeded when answered, and the task id is the element id.

const TAG_ID: Record<ElementTag, string> = { character: "o_102", animal: "o_103", prop: "o_104", outfit: "o_105", scene: "o_106", effect: "o_107", other: "o_108" };

function presentElement(element: ElementSummary): ElementTask {
  return {
    task_id: element.id,
    task_status: "succeed",
    task_status_msg: "",
    task_result: { elements: [{ element_id: element.id, element_name: element.name, element_description: element.description, tag_list: [{ tag_id: TAG_ID[element.tag] }] }] },
    created_at: Date.parse(element.createdAt),
    updated_at: Date.parse(element.updatedAt),
  };
}

/** Creates an element from Kling's request: the pictures are fetched and checked as uploads are. */
export async function createApiElement(caller: ApiCaller, body: ElementRequest): Promise<ElementTask> {
  const { frontal_image, refer_images } = body.element_image_list;
  const [frontal, ...references] = await Promise.all([
    readImageField("element_image_list.frontal_image", frontal_image),
    ...refer_images.map((r, i) => readImageField(`element_image_list.refer_images[${i}].image_url`, r.image_url)),
  ]);
  const tag = body.tag_list?.map((t) => ELEMENT_TAG_IDS[t.tag_id]).find((t) => t !== "other") ?? "other";
  try {
    const element = await createElement(caller.user, { name: body.element_name.trim(), description: (body.element_description ?? "").trim(), tag }, { frontal: frontal!.bytes, references: references.map((r) => r.bytes) });
    return presentElement(element);
  } catch (error) {
    throw klingRefusal(error, "Invalid element: ") ?? error;
  }
}

export async function findApiElement(userId: string, id: string): Promise<ElementTask> {
  try {
    return presentElement((await elementWithVideos(userId, id)).element);
  } catch (error) {
    throw klingRefusal(error) ?? error;
  }
}

export async function listApiElements(userId: string, page: { pageNum: number; pageSize: number }): Promise<ElementTask[]> {
  const all = await listElements(userId);
  return all.slice((page.pageNum - 1) * page.pageSize, page.pageNum * page.pageSize).map(presentElement);
}


import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeKling } from "@/tests/support/fake-kling";
import { userWithCredits, waitForEnd } from "@/tests/support/generations";
import { encodeImage } from "@/tests/support/images";
import { tempMediaDirPerFile } from "@/tests/support/media";
import { creditBalance } from "../../credits/ledger";
import { db } from "../../db/client";
import { createElement } from "../../elements/elements";
import { submitGeneration } from "../../generations/submit";
import { generationRequestSchema } from "../../validation/generation";
import { startWorker, stopWorker } from "../../worker/start";
import type { EngineJob, EngineReference } from "../types";
import { klingConfig } from "./config";
import { KlingEngine } from "./engine";

// Elements on Kling: created once per element and account (even under 10 concurrent jobs), reused,
// sent through omni-video with the prompt's @names rewritten; a failed creation fails the job and refunds it once.

tempMediaDirPerFile();
let fake: FakeKling;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await FakeKling.start();
  dir = await mkdtemp(path.join(tmpdir(), "kling-elements-"));
  process.env = { ...saved, ...fake.env(50) };
  await startWorker({ schedules: false });
});

afterAll(async () => {
  await stopWorker();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
  process.env = saved;
});

const picture = (n: number) => encodeImage("jpg", 400 + n * 8, 400);

async function elementOf(user: { id: string; email: string; name: null; plan: "free" | "standard" }, name: string) {
  return createElement(user, { name, description: `${name}, a red fox`, tag: "animal" }, { frontal: picture(0), references: [picture(1), picture(2)] });
}

describe("kling elements", () => {
  /** `count` renders at once, straight through the engine, each with the element as its one reference. */
  async function renderConcurrently(element: { id: string }, tag: string, count: number) {
    const files = await Promise.all([0, 1].map(async (n) => {
      const file = path.join(dir, `${tag}-${n}.jpg`);
      await writeFile(file, picture(n));
      return file;
    }));
    const reference: EngineReference = { kind: "element", id: element.id, name: "Fox", description: "a red fox", tag: "animal", frontalImagePath: files[0]!, imagePaths: [files[1]!] };
    const engine = new KlingEngine({ config: klingConfig(), waitForHint: (_id, ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    const job = async (i: number): Promise<EngineJob> => ({
      generationId: `${tag}-${element.id}-${i}`,
      request: generationRequestSchema.parse({ kind: "text_to_video", prompt: `@Fox jumps, take ${i}` }),
      seed: i,
      workDir: await mkdtemp(path.join(dir, "job-")),
      signal: new AbortController().signal,
      onProgress: async () => {},
      model: "kling-v1",
      references: [reference],
    });
    return Promise.allSettled(Array.from({ length: count }, async (_, i) => engine.render(await job(i))));
  }

  it("creates an element once for 10 concurrent jobs and reuses its id", async () => {
    const user = await userWithCredits("free");
    const element = await elementOf(user, "Fox");
    const before = fake.elementTasks.size;
    const results = await renderConcurrently(element, "concurrent", 10);
    expect(results.map((r) => r.status)).toEqual(Array(10).fill("fulfilled"));
    expect(fake.elementTasks.size - before).toBe(1);
    const created = [...fake.elementTasks.values()].at(-1)!;
    const stored = await db().klingElement.findMany({ where: { elementId: element.id } });
    expect(stored).toMatchObject([{ klingElementId: created.elementId, taskId: created.taskId }]);
    const bodies = Array.from({ length: 10 }, (_, i) => fake.tasksFor(`concurrent-${element.id}-${i}`)[0]!.body);
    for (const body of bodies) expect(body.element_list).toEqual([{ element_id: created.elementId }]);
  });

  it("a creation Kling refuses fails every job that waited on it, with Kling's reason, once; a later job tries again", async () => {
    const user = await userWithCredits("free");
    const element = await elementOf(user, "Fox");
    const before = fake.elementTasks.size;
    fake.elementScript = { processingQueries: 2, outcome: { status: "failed", message: "subject unclear" } };
    const refused = await renderConcurrently(element, "refused", 5);
    fake.elementScript = { processingQueries: 1, outcome: { status: "succeed" } };
    expect(refused.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "fulfilled"))).toEqual(Array(5).fill("Kling could not create the element Fox: subject unclear."));
    expect(fake.elementTasks.size - before).toBe(1);
    const later = await renderConcurrently(element, "later", 1);
    expect(later[0]!.status).toBe("fulfilled");
    expect(fake.elementTasks.size - before).toBe(2);
  });

  it("sends a job with an element and a reference image through omni-video, rewriting @name, and reuses the element afterwards", async () => {
    const user = await userWithCredits("free");
    const element = await elementOf(user, "Mira");
    const image = await db().elementImage.findFirstOrThrow({ where: { elementId: element.id, position: 2 } });
    const submit = async (prompt: string) => {
      const { generations } = await submitGeneration(user, generationRequestSchema.parse({ kind: "text_to_video", prompt, aspectRatio: "9:16", references: [{ kind: "image", imageId: image.assetId }] }));
      return (await waitForEnd(generations[0]!.id)).id;
    };
    const creations = fake.elementTasks.size;
    const first = await submit("@mira waves at <<<image_1>>>");
    expect(await db().generation.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ status: "succeeded" });
    const [task] = fake.tasksFor(first);
    expect(task!.endpoint).toBe("omni-video");
    const elementId = (await db().klingElement.findFirstOrThrow({ where: { elementId: element.id } })).klingElementId;
    expect(task!.body).toMatchObject({
      model_name: "kling-v3-omni",
      prompt: "<<<element_1>>> waves at <<<image_1>>>",
      aspect_ratio: "9:16",
      mode: "std",
      duration: "5",
      element_list: [{ element_id: elementId }],
      image_list: [{ image_url: expect.stringMatching(/^\/9j\//) }],
    });
    const creation = [...fake.elementTasks.values()].at(-1)!;
    expect(creation.body).toMatchObject({ element_name: "Mira", element_description: "Mira, a red fox", reference_type: "image_refer", tag_list: [{ tag_id: "o_103" }] });
    expect((creation.body.element_image_list as { refer_images: unknown[] }).refer_images).toHaveLength(2);

    await submit("@Mira again");
    expect(fake.elementTasks.size - creations).toBe(1);
  });

  it("through the pipeline: a job whose element Kling refuses fails with the reason and is refunded once, nothing submitted", async () => {
    const user = await userWithCredits("free");
    await elementOf(user, "Ghost");
    fake.elementScript = { processingQueries: 1, outcome: { status: "failed", message: "face not detected" } };
    const before = await creditBalance(user.id);
    const { generations } = await submitGeneration(user, generationRequestSchema.parse({ kind: "text_to_video", prompt: "@Ghost floats" }));
    const g = await waitForEnd(generations[0]!.id);
    fake.elementScript = { processingQueries: 1, outcome: { status: "succeed" } };
    expect(g).toMatchObject({ status: "failed" });
    expect(g.error).toBe(`Kling could not create the element Ghost: face not detected. Your ${g.cost} credits were refunded.`);
    expect(await db().creditEntry.count({ where: { ref: g.id, reason: "refund" } })).toBe(1);
    expect(await creditBalance(user.id)).toBe(before);
    expect(fake.tasksFor(g.id)).toHaveLength(0);
  });
});

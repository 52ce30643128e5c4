import { expect, type Page } from "@playwright/test";
import { CEILING } from "../tests/support/ceilings";

/** A generation as GET /api/generations/<id> answers it (the fields the journeys read). */
export type GenerationJson = { id: string; status: string; video: { url: string; width: number; height: number; durationMs: number } | null };

/** The signed-in user's generation, as the API answers it now. */
export async function generationOf(page: Page, id: string): Promise<GenerationJson> {
  return ((await (await page.request.get(`/api/generations/${id}`)).json()) as { generation: GenerationJson }).generation;
}

/** Waits until the generation has rendered, and answers it. */
export async function whenRendered(page: Page, id: string): Promise<GenerationJson> {
  await expect.poll(async () => (await generationOf(page, id)).status, { timeout: CEILING.render }).toBe("succeeded");
  return generationOf(page, id);
}

/** Submits a 5 s text-to-video for the signed-in user through the API and waits until it has rendered. */
export async function renderedVideo(page: Page, prompt: string): Promise<GenerationJson> {
  const submitted = await page.request.post("/api/generations", { data: { kind: "text_to_video", prompt } });
  expect(submitted.status()).toBe(201);
  return whenRendered(page, ((await submitted.json()) as { generations: { id: string }[] }).generations[0]!.id);
}

import "server-only";
import { db } from "../db/client";
import { EngineError, type EngineReference } from "../engines/types";
import type { Reference } from "../validation/generation";

/** Fetches an asset into the job's work folder under `name`, answering the local path. */
type Materialise = (assetId: string, name: string) => Promise<string>;

/**
 * The references of a generation as the engine takes them (lib/engines/types.ts): each element
 * with its pictures and each reference image as local files, in request order. Submit refused
 * references the user does not own, and an element cannot be deleted while a job uses it.
 */
export async function engineReferences(userId: string, references: readonly Reference[] | undefined, materialise: Materialise): Promise<EngineReference[] | undefined> {
  if (!references?.length) return undefined;
  return Promise.all(
    references.map(async (reference, index): Promise<EngineReference> => {
      if (reference.kind === "image") return { kind: "image", imagePath: await materialise(reference.imageId, `reference-${index + 1}`) };
      const element = await db().element.findFirst({ where: { id: reference.elementId, userId }, include: { images: { orderBy: { position: "asc" } } } });
      if (!element || element.images.length === 0) throw new EngineError("An element this video uses has been deleted.", false, "element_deleted");
      const paths = await Promise.all(element.images.map((image) => materialise(image.assetId, `element-${index + 1}-${image.position}`)));
      const [frontalImagePath, ...imagePaths] = paths as [string, ...string[]];
      return { kind: "element", id: element.id, name: element.name, description: element.description, tag: element.tag, frontalImagePath, imagePaths };
    }),
  );
}

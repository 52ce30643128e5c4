import "server-only";
import type { PublicUser } from "../auth/users";
import { db } from "../db/client";
import type { Asset, Prisma } from "../db/generated/client";
import { isUniqueViolation } from "../db/sql";
import { inTransaction } from "../db/transaction";
import { ACTIVE_STATUSES } from "../generations/queries";
import { assetSummary, deleteAsset } from "../storage/assets";
import { checkImage, type CheckedImage } from "../storage/check-image";
import { storeUpload } from "../storage/uploads";
import { ImageRejectedError } from "../storage/validate-image";
import { ElementError } from "./errors";
import { REFERENCE_IMAGES_MAX, REFERENCE_IMAGES_MIN } from "./limits";
import type { ElementFields, ElementUpdate } from "./schemas";

/** The pictures of an element as uploaded: one frontal image and 1–3 more of the same subject. */
export type ElementImages = { frontal: Buffer; references: Buffer[] };

const withImages = { images: { orderBy: { position: "asc" }, include: { asset: true } } } as const;
type ElementRow = Prisma.ElementGetPayload<{ include: typeof withImages }>;

/** What the Elements page and the API show of an element; storage keys stay on the server. */
export function elementSummary(element: ElementRow) {
  const [frontal, ...references] = element.images.map((image) => assetSummary(image.asset));
  return {
    id: element.id,
    name: element.name,
    description: element.description,
    tag: element.tag,
    frontalImage: frontal ?? null,
    referenceImages: references,
    createdAt: element.createdAt.toISOString(),
    updatedAt: element.updatedAt.toISOString(),
  };
}
export type ElementSummary = ReturnType<typeof elementSummary>;

const notFound = () => new ElementError("element_not_found", "No such element: it was deleted, or it is not yours.");

const nameTaken = (name: string) => new ElementError("element_name_taken", `You already have an element named "${name}": choose another name.`, "name");

const nameKey = (name: string) => name.toLowerCase();

/** Checks every picture against the upload rules before any is stored, naming the one refused. */
async function checkImages(images: ElementImages): Promise<CheckedImage[]> {
  if (images.references.length < REFERENCE_IMAGES_MIN || images.references.length > REFERENCE_IMAGES_MAX) {
    throw new ElementError(
      "element_images",
      `An element has one frontal image and ${REFERENCE_IMAGES_MIN} to ${REFERENCE_IMAGES_MAX} reference images; this one has ${images.references.length}.`,
      "references",
    );
  }
  const named = [{ bytes: images.frontal, label: "The frontal image", field: "frontal" }, ...images.references.map((bytes, i) => ({ bytes, label: `Reference image ${i + 1}`, field: "references" }))];
  const checked: CheckedImage[] = [];
  for (const { bytes, label, field } of named) {
    try {
      checked.push(await checkImage(bytes));
    } catch (error) {
      if (error instanceof ImageRejectedError) throw new ImageRejectedError(error.code, `${label}: ${error.message}`, field);
      throw error;
    }
  }
  return checked;
}

/** Stores the checked pictures as the user's uploads (within the plan's quota); on a refusal, the ones this call created are removed again. */
async function storeImages(user: PublicUser, images: CheckedImage[]): Promise<Asset[]> {
  const stored: { asset: Asset; created: boolean }[] = [];
  try {
    for (const image of images) stored.push(await storeUpload(user, image));
  } catch (error) {
    await Promise.all(stored.filter((s) => s.created).map((s) => deleteAsset(user.id, s.asset.id).catch(() => false)));
    throw error;
  }
  return stored.map((s) => s.asset);
}

export async function createElement(user: PublicUser, fields: ElementFields, images: ElementImages): Promise<ElementSummary> {
  const checked = await checkImages(images);
  if (await db().element.findFirst({ where: { userId: user.id, nameKey: nameKey(fields.name) }, select: { id: true } })) throw nameTaken(fields.name);
  const assets = await storeImages(user, checked);
  try {
    const element = await db().element.create({
      data: { userId: user.id, ...fields, nameKey: nameKey(fields.name), images: { create: assets.map((asset, position) => ({ position, assetId: asset.id })) } },
      include: withImages,
    });
    return elementSummary(element);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(fields.name);
    throw error;
  }
}

export async function listElements(userId: string): Promise<ElementSummary[]> {
  const rows = await db().element.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, include: withImages });
  return rows.map(elementSummary);
}

/** The element with the videos it appears in (newest first), or ElementError for another user's or a deleted one. */
export async function elementWithVideos(userId: string, id: string) {
  const element = await db().element.findFirst({ where: { id, userId }, include: withImages });
  if (!element) throw notFound();
  const uses = await db().generationReference.findMany({
    where: { elementId: id, generation: { userId } },
    orderBy: { generation: { createdAt: "desc" } },
    take: 60,
    select: { generation: { select: { id: true, status: true, prompt: true, thumbnailId: true, createdAt: true } } },
  });
  const videos = uses.map(({ generation: g }) => ({
    id: g.id,
    status: g.status,
    prompt: g.prompt,
    posterUrl: g.thumbnailId ? `/api/media/${encodeURIComponent(g.thumbnailId)}` : null,
    createdAt: g.createdAt.toISOString(),
  }));
  return { element: elementSummary(element), videos };
}

export async function updateElement(userId: string, id: string, update: ElementUpdate): Promise<ElementSummary> {
  try {
    const { count } = await db().element.updateMany({ where: { id, userId }, data: { ...update, ...(update.name ? { nameKey: nameKey(update.name) } : {}) } });
    if (count === 0) throw notFound();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(update.name ?? "");
    throw error;
  }
  return elementSummary(await db().element.findUniqueOrThrow({ where: { id }, include: withImages }));
}

/** Replaces all of an element's pictures; jobs that already rendered keep their video. */
export async function replaceElementImages(user: PublicUser, id: string, images: ElementImages): Promise<ElementSummary> {
  if (!(await db().element.findFirst({ where: { id, userId: user.id }, select: { id: true } }))) throw notFound();
  const assets = await storeImages(user, await checkImages(images));
  const element = await inTransaction(undefined, async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Element" WHERE id = ${id} AND "userId" = ${user.id} FOR UPDATE`;
    if (locked.length === 0) throw notFound();
    await tx.elementImage.deleteMany({ where: { elementId: id } });
    await tx.elementImage.createMany({ data: assets.map((asset, position) => ({ elementId: id, position, assetId: asset.id })) });
    // Kling's copy shows the old pictures: the next job creates the element there again.
    await tx.klingElement.deleteMany({ where: { elementId: id } });
    return tx.element.update({ where: { id }, data: { updatedAt: new Date() }, include: withImages });
  });
  return elementSummary(element);
}

/**
 * Deletes the element unless a queued or running job uses it (refused, saying which). The
 * element's row is locked first, as submit locks it while recording a reference, so a job
 * submitted concurrently either sees the element gone or makes this refusal. Finished videos
 * keep their files and the element's name; its pictures become unused uploads, swept later.
 */
export async function deleteElement(userId: string, id: string): Promise<void> {
  await inTransaction(undefined, async (tx) => {
    const locked = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM "Element" WHERE id = ${id} AND "userId" = ${userId} FOR UPDATE`;
    if (locked.length === 0) throw notFound();
    const active = await tx.generation.count({ where: { userId, status: { in: ACTIVE_STATUSES }, references: { some: { elementId: id } } } });
    if (active > 0) {
      throw new ElementError(
        "element_in_use",
        `"${locked[0]!.name}" is used by ${active === 1 ? "a video that is" : `${active} videos that are`} queued or rendering. Delete it once ${active === 1 ? "it has" : "they have"} finished, or cancel ${active === 1 ? "it" : "them"}.`,
      );
    }
    await tx.element.delete({ where: { id } });
  });
}

/** The elements one of the user's generations referenced, in order; a deleted one keeps its name and has no id. */
export async function elementsOfGeneration(userId: string, generationId: string): Promise<{ id: string | null; name: string }[]> {
  const rows = await db().generationReference.findMany({
    where: { generationId, generation: { userId }, OR: [{ elementId: { not: null } }, { label: { not: "" } }] },
    orderBy: { position: "asc" },
    select: { elementId: true, label: true, element: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.elementId, name: r.element?.name ?? r.label }));
}

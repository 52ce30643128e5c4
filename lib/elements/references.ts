import "server-only";
import { db } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { GenerationRequest, Reference } from "../validation/generation";
import { ElementError } from "./errors";
import { REFERENCES_MAX } from "./limits";
import { closestNames, findMentions, klingTokens } from "./mentions";

/** A reference checked at submit: the element's name is kept as the generation's label for it. */
export type ResolvedReference = Reference & { label: string };

function quoteList(names: string[]): string {
  return names.map((n) => `@${n}`).join(", ");
}

/**
 * The request's references, checked against what the user owns: every element and image must be
 * theirs (another user's and a deleted one read alike), every `@name` in the prompt must name one
 * of their elements (the closest names are suggested), elements mentioned but not listed are
 * added after the listed ones, at most REFERENCES_MAX in all, and each `<<<element_n>>>` /
 * `<<<image_n>>>` must have its n-th reference. Throws ElementError; reads only.
 */
export async function resolveReferences(userId: string, request: GenerationRequest): Promise<ResolvedReference[]> {
  const listed = request.references ?? [];
  // Most requests list no element and mention none (no `@word`): they need no query for the user's elements.
  const needsElements = listed.some((r) => r.kind === "element") || findMentions(request.prompt, []).unknown.length > 0;
  const elements = needsElements ? await db().element.findMany({ where: { userId }, select: { id: true, name: true } }) : [];
  const byId = new Map(elements.map((e) => [e.id, e]));

  const resolved: ResolvedReference[] = [];
  for (const [index, reference] of listed.entries()) {
    if (reference.kind === "element") {
      const element = byId.get(reference.elementId);
      if (!element) throw new ElementError("bad_reference", `Reference ${index + 1} names no element of yours: it was deleted, or it is not yours.`, "references");
      if (resolved.some((r) => r.kind === "element" && r.elementId === element.id)) continue;
      resolved.push({ ...reference, label: element.name });
    } else {
      const image = await db().asset.findFirst({ where: { id: reference.imageId, userId, kind: "image" }, select: { id: true } });
      if (!image) throw new ElementError("bad_reference", `Reference ${index + 1} names no image of yours: upload it again.`, "references");
      resolved.push({ ...reference, label: "" });
    }
  }

  const names = elements.map((e) => e.name);
  const { matched, unknown } = findMentions(request.prompt, names);
  if (unknown.length > 0) {
    const word = unknown[0]!.word;
    const suggestions = closestNames(word, names);
    throw new ElementError(
      "unknown_mention",
      suggestions.length
        ? `You have no element named @${word}. Did you mean ${quoteList(suggestions)}?`
        : `You have no element named @${word}: create it on the Elements page first, or remove the @.`,
      "prompt",
    );
  }
  for (const mention of matched) {
    const element = elements.find((e) => e.name.toLowerCase() === mention.name.toLowerCase())!;
    if (!resolved.some((r) => r.kind === "element" && r.elementId === element.id)) resolved.push({ kind: "element", elementId: element.id, label: element.name });
  }

  if (resolved.length > REFERENCES_MAX) {
    throw new ElementError("reference_limit", `A video takes at most ${REFERENCES_MAX} references (elements and reference images together); this one has ${resolved.length}.`, "references");
  }
  const counts = { element: resolved.filter((r) => r.kind === "element").length, image: resolved.filter((r) => r.kind === "image").length };
  const tokens = klingTokens(request.prompt);
  for (const kind of ["element", "image"] as const) {
    const beyond = tokens[kind].find((n) => n < 1 || n > counts[kind]);
    if (beyond !== undefined) {
      throw new ElementError("bad_reference", `The prompt refers to <<<${kind}_${beyond}>>>, but the request has ${counts[kind]} ${kind}${counts[kind] === 1 ? "" : "s"}.`, "prompt");
    }
  }
  return resolved;
}

/** The request as stored and rendered: its references are the resolved ones, mentioned elements included. */
export function withReferences(request: GenerationRequest, references: ResolvedReference[]): GenerationRequest {
  if (references.length === 0) return request;
  return { ...request, references: references.map((r): Reference => (r.kind === "element" ? { kind: "element", elementId: r.elementId } : { kind: "image", imageId: r.imageId })) };
}

/** The elements among the references: the statement that records them locks their rows (FOR SHARE). */
export function referencedElementIds(references: ResolvedReference[]): string[] {
  return [...new Set(references.flatMap((r) => (r.kind === "element" ? [r.elementId] : [])))];
}

/**
 * The refusal when an element was deleted between its check and the submit, which locks the
 * elements' rows (FOR SHARE) as deleteElement locks them (FOR UPDATE): the first element not among
 * those `locked`; null when none is missing. Nothing is charged, nothing inserted.
 */
export function deletedElementError(references: ResolvedReference[], locked: string[]): ElementError | null {
  const missing = references.find((r) => r.kind === "element" && !locked.includes(r.elementId));
  return missing ? new ElementError("bad_reference", `The element ${missing.label} was deleted meanwhile: remove it from the prompt.`, "references") : null;
}

/** An INSERT of the references of each generation of `generations` (a query of rows (id)), in order. */
export function referencesInsert(generations: Prisma.Sql, references: ResolvedReference[]): Prisma.Sql {
  const rows = references.map((r, position) => ({
    position,
    elementId: r.kind === "element" ? r.elementId : null,
    imageId: r.kind === "image" ? r.imageId : null,
    label: r.label,
  }));
  return Prisma.sql`
    INSERT INTO "GenerationReference" ("generationId", position, "elementId", "imageId", label)
    SELECT g.id, r.position, r."elementId", r."imageId", r.label
      FROM (${generations}) g, json_to_recordset(${JSON.stringify(rows)}::json) AS r(position int, "elementId" text, "imageId" text, label text)`;
}

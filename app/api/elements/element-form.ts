import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { ElementImages } from "@/lib/elements/elements";
import { REFERENCE_IMAGES_MAX } from "@/lib/elements/limits";
import { elementFieldsSchema, type ElementFields } from "@/lib/elements/schemas";
import { HttpError } from "@/lib/http/handler";
import { imageOfField, readUploadForm } from "../uploads/read-upload";

// The Elements page's form: the fields, `frontal` (one image) and `references` (1–3 images).

function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? "form");
  throw new HttpError(422, issue.message, { [field]: issue.message });
}

async function imagesOf(form: FormData): Promise<ElementImages> {
  const references = form.getAll("references");
  // One more than allowed is still read, so the refusal can say how many were sent.
  if (references.length > REFERENCE_IMAGES_MAX + 1) {
    throw new HttpError(422, `An element has at most ${REFERENCE_IMAGES_MAX} reference images; this form has ${references.length}.`, { references: "Too many images." });
  }
  return {
    frontal: await imageOfField(form.get("frontal"), "a frontal image"),
    references: await Promise.all(references.map((file) => imageOfField(file, "a reference image"))),
  };
}

/** A new element's form: its fields and pictures. */
export async function readElementForm(req: NextRequest): Promise<{ fields: ElementFields; images: ElementImages }> {
  const form = await readUploadForm(req, REFERENCE_IMAGES_MAX + 2);
  const text = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : undefined);
  const fields = parseOrRefuse(elementFieldsSchema, { name: text("name") ?? "", description: text("description"), tag: text("tag") });
  return { fields, images: await imagesOf(form) };
}

/** A replacement of an element's pictures. */
export async function readElementImages(req: NextRequest): Promise<ElementImages> {
  return imagesOf(await readUploadForm(req, REFERENCE_IMAGES_MAX + 2));
}

import type { NextRequest } from "next/server";
import { HttpError } from "@/lib/http/handler";
import { readBodyAtMost } from "@/lib/http/read-body";
import { IMAGE_LIMITS, ImageRejectedError, tooLargeError } from "@/lib/storage/validate-image";

// Room for the multipart framing (boundary lines, part headers) around a file of the maximum size.
const FORM_OVERHEAD_BYTES = 64 * 1024;

const FORM_HINT = 'send multipart/form-data with the image in a field named "file"';

/**
 * The multipart form of an upload of at most `files` images. Throws HttpError 400 for anything
 * that is not such a form, and ImageRejectedError 413 when it is too large.
 */
export async function readUploadForm(req: NextRequest, files = 1): Promise<FormData> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw new HttpError(400, `The upload is not a form: ${FORM_HINT}.`);
  const maxBodyBytes = files * IMAGE_LIMITS.maxBytes + FORM_OVERHEAD_BYTES;

  // Refuse early, before reading anything, when the declared size already says too much.
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBodyBytes) {
    throw tooLargeError("upload", declared);
  }

  const body = await readBodyAtMost(
    req,
    maxBodyBytes,
    () => new ImageRejectedError("too_large", `The upload is larger than the ${(files * IMAGE_LIMITS.maxBytes) / 1024 / 1024} MB limit.`),
  );
  try {
    return await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new HttpError(400, `The upload could not be read as a form: ${FORM_HINT}.`);
  }
}

/** The bytes of one image field of the form, within the image size limit. */
export async function imageOfField(file: FormDataEntryValue | null, what = "an image"): Promise<Buffer> {
  if (!(file instanceof File)) throw new HttpError(400, `Choose ${what} to upload: ${FORM_HINT}.`);
  if (file.size > IMAGE_LIMITS.maxBytes) {
    throw tooLargeError("image", file.size);
  }
  return Buffer.from(await file.arrayBuffer());
}

/** The bytes of the form's `file` field. */
export async function readUploadedFile(req: NextRequest): Promise<Buffer> {
  const form = await readUploadForm(req);
  return imageOfField(form.get("file"));
}

import "server-only";
import { readBodyAtMost } from "../http/read-body";
import { ApiError } from "./errors";

/** Room for two base64 images at the 10 MB limit (4/3 of their size) and the other fields. */
const MAX_JSON_BYTES = 30 * 1024 * 1024;

export async function readJsonBody(req: Request): Promise<unknown> {
  const bytes = await readBodyAtMost(req, MAX_JSON_BYTES, () => new ApiError(1200, `The request body is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB.`));
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new ApiError(1200, "The request body must be JSON (Content-Type: application/json).");
  }
}

import "server-only";
import { checkImage, type CheckedImage } from "../storage/check-image";
import { IMAGE_LIMITS } from "../storage/validate-image";
import { ApiError, klingRefusal } from "./errors";
import { invalidField } from "./issues";
import { safeRequest, UnsafeUrlError } from "./safe-fetch";

const FETCH_TIMEOUT_MS = 15_000;

async function fetchImage(field: string, url: string): Promise<Buffer> {
  try {
    const response = await safeRequest(url, { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: IMAGE_LIMITS.maxBytes, maxRedirects: 3 });
    if (response.status !== 200) throw new ApiError(1201, `Invalid ${field}: fetching ${url} answered HTTP ${response.status}.`);
    return response.body;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const reason = error instanceof UnsafeUrlError ? error.message : `the URL could not be fetched (${error instanceof Error ? error.message : String(error)})`;
    throw new ApiError(1201, invalidField(field, reason));
  }
}

function decodeBase64(field: string, value: string): Buffer {
  if (/^data:/i.test(value)) throw new ApiError(1201, `Invalid ${field}: send the raw base64 without the "data:image/...;base64," prefix.`);
  const compact = value.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) throw new ApiError(1201, `Invalid ${field}: not an http(s) URL and not base64.`);
  return Buffer.from(compact, "base64");
}

/** The image of a Kling field (URL or raw base64), checked as uploads are; throws ApiError 1201 naming the field. */
export async function readImageField(field: string, value: string): Promise<CheckedImage> {
  const bytes = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? await fetchImage(field, value) : decodeBase64(field, value);
  try {
    return await checkImage(bytes);
  } catch (error) {
    throw klingRefusal(error, `Invalid ${field}: `) ?? error;
  }
}


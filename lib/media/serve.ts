import "server-only";
import { Readable } from "node:stream";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import type { PlanId } from "../credits/config";
import { LockTimeoutError } from "../db/advisory-lock";
import type { Asset } from "../db/generated/client";
import { HttpError, type ErrorBody } from "../http/handler";
import { storage } from "../storage";
import { parseRange } from "../storage/byte-range";
import { attachmentDisposition, downloadFileName } from "../storage/download-name";
import { assetToServe } from "./variants";
import { line } from "../validation/text";

/** The query of a media link: `?download=1` saves the file, `&name=` under that name. */
export const mediaQuerySchema = z.object({ download: line().max(10).optional(), name: line().max(1000).optional() });
export type MediaQuery = z.output<typeof mediaQuerySchema>;

/**
 * Streams a stored asset with byte ranges (so videos can seek), ETag revalidation and
 * `?download=1` (optionally `&name=`) to save it as a file. Callers decide who may read it.
 */
async function serveAsset(req: NextRequest, asset: Asset, query: MediaQuery): Promise<Response> {
  const etag = `"${asset.checksum}"`;
  const headers = new Headers({
    "content-type": asset.mime,
    "accept-ranges": "bytes",
    etag,
    // An id's bytes never change; private keeps shared caches from holding one user's media.
    "cache-control": "private, max-age=86400",
    "x-content-type-options": "nosniff",
  });
  if (query.download === "1") {
    headers.set("content-disposition", attachmentDisposition(downloadFileName(query.name ?? null, asset.id, asset.mime)));
  }
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });

  // A range is only honoured against the version the client already holds (If-Range).
  const ifRange = req.headers.get("if-range");
  const range = ifRange && ifRange !== etag ? null : parseRange(req.headers.get("range"), asset.size);
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${asset.size}`);
    headers.set("content-type", "application/json");
    const message = `The requested range is outside the file, which has ${asset.size} bytes.`;
    return NextResponse.json<ErrorBody>({ error: { message } }, { status: 416, headers });
  }

  const stream = await storage().read(asset.storageKey, range ?? undefined);
  const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  if (!range) {
    headers.set("content-length", String(asset.size));
    return new Response(body, { status: 200, headers });
  }
  headers.set("content-length", String(range.end - range.start + 1));
  headers.set("content-range", `bytes ${range.start}-${range.end}/${asset.size}`);
  return new Response(body, { status: 206, headers });
}

/** Serves what a user on this plan gets for the asset (see assetToServe); 503 while its watermarked copy takes too long to make. */
export async function serveForPlan(req: NextRequest, plan: PlanId, asset: Asset, query: MediaQuery): Promise<Response> {
  let served: Asset;
  try {
    served = await assetToServe(plan, asset);
  } catch (error) {
    if (error instanceof LockTimeoutError) throw new HttpError(503, "This video is still being prepared for playback. Try again in a minute.");
    throw error;
  }
  return serveAsset(req, served, query);
}

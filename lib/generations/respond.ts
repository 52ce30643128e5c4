import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { readHeader } from "../http/input";
import { idempotencyKeySchema } from "../validation/generation";
import { presentGeneration } from "./present";
import type { SubmitResult } from "./submit";

/** The request's Idempotency-Key header, checked. */
export function idempotencyKeyOf(req: NextRequest): string | undefined {
  return readHeader(req, "Idempotency-Key", idempotencyKeySchema);
}

/** A studio submit's answer: 201 with the new jobs (200 for a replayed key); refusals go to the wrapper's error map. */
export async function submitResponse(submit: () => Promise<SubmitResult>): Promise<Response> {
  const result = await submit();
  return NextResponse.json(
    { batchId: result.batchId, price: result.price, generations: result.generations.map(presentGeneration) },
    { status: result.replayed ? 200 : 201 },
  );
}

import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { PriceError } from "../credits/price";
import { HttpError } from "../http/handler";
import { idempotencyKeySchema } from "../validation/generation";
import { presentGeneration } from "./present";
import { SubmitError, type SubmitResult } from "./submit";

/** The request's Idempotency-Key header, checked. */
export function idempotencyKeyOf(req: NextRequest): string | undefined {
  const key = idempotencyKeySchema.safeParse(req.headers.get("idempotency-key") ?? undefined);
  if (!key.success) throw new HttpError(422, key.error.issues[0]!.message);
  return key.data;
}

/** A studio submit's answer: 201 with the new jobs (200 for a replayed key), or the refusal as an HttpError. */
export async function submitResponse(submit: () => Promise<SubmitResult>): Promise<Response> {
  try {
    const result = await submit();
    return NextResponse.json(
      { batchId: result.batchId, price: result.price, generations: result.generations.map(presentGeneration) },
      { status: result.replayed ? 200 : 201 },
    );
  } catch (error) {
    if (error instanceof SubmitError) throw new HttpError(error.status, error.message, error.field ? { [error.field]: error.message } : undefined);
    if (error instanceof PriceError) throw new HttpError(422, error.message);
    throw error;
  }
}

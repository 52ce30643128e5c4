import "server-only";
import { Prisma, type Generation } from "../db/generated/client";
import type { RawSql } from "../db/sql";

/**
 * A Generation row read by plain SQL (`SELECT *`, `RETURNING *`), as Prisma's model would give it:
 * a numeric arrives as text from pg and as a Decimal from Prisma's $queryRaw; the model has Decimal.
 */
export function generationFromRow(row: Generation): Generation {
  const units = row.providerUnits as Prisma.Decimal | string | null;
  return { ...row, providerUnits: units === null || units instanceof Prisma.Decimal ? units : new Prisma.Decimal(units) };
}

/** The columns a submit sets; the rest take the table's defaults (queued, no progress, no attempts). */
export type NewGeneration = Pick<
  Generation,
  | "id"
  | "userId"
  | "batchId"
  | "batchIndex"
  | "idempotencyKey"
  | "kind"
  | "parentId"
  | "prompt"
  | "negativePrompt"
  | "mode"
  | "durationSeconds"
  | "aspectRatio"
  | "cfgScale"
  | "audio"
  | "seed"
  | "startImageId"
  | "endImageId"
  | "provider"
  | "cost"
  | "externalTaskId"
  | "callbackUrl"
  | "createdAt"
  | "queueOrder"
> & { cameraControl: unknown; params: unknown };

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** Inserts one generation in `tx` and returns its row. One statement: a submit runs this per job on every request. */
export async function insertGeneration(tx: RawSql, g: NewGeneration): Promise<Generation> {
  const [row] = await tx.$queryRaw<Generation[]>`
    INSERT INTO "Generation" (id, "userId", "batchId", "batchIndex", "idempotencyKey", kind, "parentId", prompt, "negativePrompt", mode,
                              "durationSeconds", "aspectRatio", "cfgScale", audio, seed, "cameraControl", params, "startImageId", "endImageId",
                              provider, cost, "externalTaskId", "callbackUrl", "createdAt", "queueOrder", "updatedAt")
    VALUES (${g.id}, ${g.userId}, ${g.batchId}, ${g.batchIndex}, ${g.idempotencyKey}, ${g.kind}::"GenerationKind", ${g.parentId}, ${g.prompt},
            ${g.negativePrompt}, ${g.mode}::"GenerationMode", ${g.durationSeconds}, ${g.aspectRatio}, ${g.cfgScale}, ${g.audio}, ${g.seed},
            ${json(g.cameraControl)}::jsonb, ${json(g.params)}::jsonb, ${g.startImageId}, ${g.endImageId}, ${g.provider}, ${g.cost},
            ${g.externalTaskId}, ${g.callbackUrl}, ${g.createdAt}, ${g.queueOrder}, ${g.createdAt})
    RETURNING *`;
  return generationFromRow(row!);
}

import "server-only";
import { Prisma, type Generation } from "../db/generated/client";

/**
 * A Generation row read by plain SQL (`SELECT *`, `RETURNING *`), as Prisma's model would give it:
 * a numeric arrives as text from pg and as a Decimal from Prisma's $queryRaw; the model has Decimal.
 */
export function generationFromRow(row: Generation): Generation {
  const units = row.providerUnits as Prisma.Decimal | string | null;
  return { ...row, providerUnits: units === null || units instanceof Prisma.Decimal ? units : new Prisma.Decimal(units) };
}

/** The columns a request's generations share; each also has its own id, batchIndex, seed and queueOrder. */
export type NewGenerations = Pick<
  Generation,
  | "userId"
  | "batchId"
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
  | "startImageId"
  | "endImageId"
  | "provider"
  | "cost"
  | "externalTaskId"
  | "callbackUrl"
  | "createdAt"
> & { cameraControl: unknown; params: unknown };

/** Every column of the Generation model, by name: what a statement returns for a row (a `*` would also return columns a later migration adds). */
export const GENERATION_COLUMNS = Prisma.raw(Object.values(Prisma.GenerationScalarFieldEnum).map((column) => `"${column}"`).join(", "));

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * An INSERT of one generation per row of `each` (a query of rows (id, "batchIndex", seed,
 * "queueOrder")) with the columns `g` gives them all, returning the rows; the other columns take
 * the table's defaults (queued, no progress, no attempts).
 */
export function generationsInsert(g: NewGenerations, each: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "Generation" (id, "batchIndex", seed, "queueOrder", "userId", "batchId", "idempotencyKey", kind, "parentId", prompt, "negativePrompt",
                              mode, "durationSeconds", "aspectRatio", "cfgScale", audio, "cameraControl", params, "startImageId", "endImageId",
                              provider, cost, "externalTaskId", "callbackUrl", "createdAt", "updatedAt")
    SELECT e.id, e."batchIndex", e.seed, e."queueOrder", ${g.userId}::text, ${g.batchId}::text, ${g.idempotencyKey}::text, ${g.kind}::"GenerationKind",
           ${g.parentId}::text, ${g.prompt}::text, ${g.negativePrompt}::text, ${g.mode}::"GenerationMode", ${g.durationSeconds}::int, ${g.aspectRatio}::text,
           ${g.cfgScale}::float8, ${g.audio}::boolean, ${json(g.cameraControl)}::jsonb, ${json(g.params)}::jsonb, ${g.startImageId}::text,
           ${g.endImageId}::text, ${g.provider}::text, ${g.cost}::int, ${g.externalTaskId}::text, ${g.callbackUrl}::text, ${g.createdAt}::timestamp,
           ${g.createdAt}::timestamp
      FROM (${each}) e
    RETURNING ${GENERATION_COLUMNS}`;
}

import "server-only";
import { createHash, randomInt, randomUUID } from "node:crypto";
import { SUSPENDED, type PublicUser } from "../auth/users";
import { InsufficientCreditsError, creditBalance, spendCtes } from "../credits/ledger";
import { checkPlanAllows, type PlanRefusalCode } from "../credits/plan-rules";
import { pricingConfig } from "../credits/config";
import { priceInputOf, priceOf, type Price } from "../credits/price";
import { db } from "../db/client";
import { Prisma, type Generation } from "../db/generated/client";
import { isUniqueViolation, preparedQuery, sql, sqlTransaction, type RawSql } from "../db/sql";
import { DomainError } from "../errors/domain";
import { referencesUnsupported, unsupportedByEngine, type EngineRoute } from "../engines/capabilities";
import { comfyuiReferenceSlots } from "../engines/comfyui/config";
import { deletedElementError, referencedElementIds, referencesInsert, resolveReferences, withReferences, type ResolvedReference } from "../elements/references";
import { engineRoute } from "../engines/routing";
import { queue } from "../queue/boss";
import { publishQueued } from "../queue/notifications";
import { recordCallback } from "../api/callbacks/record";
import type { GenerationRequest } from "../validation/generation";
import { checkContentPolicy, ContentPolicyError } from "./content-policy";
import { generationJobsInsert, lastQueueOrder } from "./job-queue";
import { generationFromRow, generationsInsert, type NewGenerations } from "./rows";
import { queueOrderSql } from "./schedule";

export type SubmitErrorCode =
  | "idempotency_key_reused"
  | "unknown_image"
  | "content_policy"
  | PlanRefusalCode
  | "unsupported"
  | "insufficient_credits"
  | "not_found"
  | "not_finished"
  | "too_long"
  | "suspended";

/** A refused submit: a closed code, a message a person can act on and the field it is about. */
export class SubmitError extends DomainError<SubmitErrorCode> {}

export type SubmitOptions = {
  /** A retried submit with the same key returns the same jobs, charged once. */
  idempotencyKey?: string;
  externalTaskId?: string;
  callbackUrl?: string;
  /** Set by the public API: the key that submitted the task (it signs the callbacks) and the origin links point at. */
  api?: { keyId: string; baseUrl: string; kind?: "omni-video" };
  /** Set by submitExtension: the video this generation continues (an image-to-video of its last frame). */
  parentId?: string;
  now?: Date;
};

export type SubmitResult = { batchId: string; generations: Generation[]; price: Price; replayed: boolean };

const MAX_SEED = 2_147_483_647;

export function requestHash(request: GenerationRequest & { parentId?: string }): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]))
        : value;
  return createHash("sha256").update(JSON.stringify(sorted(request))).digest("hex");
}

async function replay(userId: string, key: string, hash: string): Promise<Generation[] | null> {
  const existing = await db().generation.findMany({ where: { userId, idempotencyKey: key }, orderBy: { batchIndex: "asc" } });
  if (existing.length === 0) return null;
  if ((existing[0]!.params as { requestHash?: string }).requestHash !== hash) {
    throw new SubmitError("idempotency_key_reused", "This Idempotency-Key was already used for a different request. Use a new key for a new request.");
  }
  return existing;
}

export async function checkImages(userId: string, request: GenerationRequest): Promise<void> {
  if (request.kind !== "image_to_video") return;
  const frames = [
    { id: request.startImageId, field: "startImageId", label: "start frame" },
    ...(request.endImageId ? [{ id: request.endImageId, field: "endImageId", label: "end frame" }] : []),
  ];
  for (const frame of frames) {
    const asset = await db().asset.findFirst({ where: { id: frame.id, userId, kind: "image" }, select: { id: true } });
    if (!asset) throw new SubmitError("unknown_image", `No such image for the ${frame.label}: upload it again.`, frame.field);
  }
}

/** The refusals that need no database: content policy, plan, engine; the route and price when none applies. */
export function checkAndPrice(user: PublicUser, request: GenerationRequest, options: SubmitOptions): { route: EngineRoute; price: Price } {
  try {
    checkContentPolicy([
      { field: "prompt", text: request.prompt },
      { field: "negative prompt", text: request.negativePrompt },
      ...(request.shots ?? []).map((shot, i) => ({ field: `shot ${i + 1}`, text: shot.prompt })),
    ]);
  } catch (error) {
    if (error instanceof ContentPolicyError) throw new SubmitError("content_policy", error.message, "prompt");
    throw error;
  }
  const plan = checkPlanAllows(user.plan, request);
  if (!plan.ok) throw new SubmitError(plan.code, plan.message, "mode");
  const route = engineRoute(request.mode);
  const unsupported = unsupportedByEngine(route, request);
  if (unsupported) throw new SubmitError("unsupported", unsupported.message, unsupported.field);
  const price = priceOf(options.parentId ? { kind: "extend", mode: request.mode, audio: request.audio, count: 1 } : priceInputOf(request));
  return { route, price };
}

/**
 * Everything submitGeneration would refuse before it spends, and a balance check, for callers
 * that do costly work (an ffmpeg run) before submitting: refuse first, then work. A request
 * retried with its Idempotency-Key is not refused for the balance its first try spent.
 */
export async function checkBeforeWork(user: PublicUser, request: GenerationRequest, options: SubmitOptions = {}): Promise<void> {
  const { price } = checkAndPrice(user, request, options);
  if (options.idempotencyKey && (await db().generation.count({ where: { userId: user.id, idempotencyKey: options.idempotencyKey } }))) return;
  const balance = await creditBalance(user.id, options.now);
  if (balance < price.total) throw insufficientCredits(price, balance);
}

export const insufficientCredits = (price: Price, balance: number) =>
  new SubmitError("insufficient_credits", new InsufficientCreditsError(price.total, balance).message);

/** A request checked and priced (checkAndPrice), its images found and its references resolved: ready to insert. */
export type PreparedRequest = { request: GenerationRequest; references: ResolvedReference[]; route: EngineRoute; price: Price };

/** Every refusal before the transaction: checkAndPrice, then the images and references, which read the database. */
export async function prepareRequest(user: PublicUser, asked: GenerationRequest, options: SubmitOptions = {}): Promise<PreparedRequest> {
  const { route, price } = checkAndPrice(user, asked, options);
  await checkImages(user.id, asked);
  const references = await resolveReferences(user.id, asked);
  const slots = route.engine === "comfyui" && references.length > 0 ? comfyuiReferenceSlots(asked.kind) : undefined;
  const refused = referencesUnsupported(route, asked.kind, references.length, slots);
  if (refused) throw new SubmitError("unsupported", refused, "references");
  return { request: withReferences(asked, references), references, route, price };
}

/** Where a request's generations go. */
export type Placement = {
  batchId: string;
  /** The batchIndex of the request's first generation. */
  firstIndex: number;
  idempotencyKey: string | null;
  hash: string;
  now: Date;
  options: SubmitOptions;
};

type SubmitRow = Generation & { _suspended: boolean; _balance: number; _ok: boolean; _elements: string[] | null };

/**
 * Inserts, charges and enqueues a request's generations in one statement on `tx` (one spend each, so
 * each can be refunded on its own), with their pg-boss jobs: all of it, or nothing and a refusal.
 * On a plain connection the statement is its own transaction; a request with a callback URL records
 * its first callback after it, so it needs `tx` to be a transaction. The caller publishes the
 * generations (publishQueued) once that transaction has committed.
 */
export async function insertGenerations(tx: RawSql, user: PublicUser, { request, references, route, price }: PreparedRequest, placement: Placement): Promise<Generation[]> {
  const { batchId, firstIndex, hash, now, options } = placement;
  if (!Number.isInteger(price.perGeneration) || price.perGeneration <= 0) throw new RangeError(`A generation costs a positive whole number of credits, not ${price.perGeneration}.`);
  const baseSeed = request.seed ?? randomInt(0, MAX_SEED);
  const ids = Array.from({ length: request.count }, () => randomUUID());
  const seeds = ids.map((_, index) => (baseSeed + index) % MAX_SEED);
  const elementIds = referencedElementIds(references);
  const shared = {
    userId: user.id,
    batchId,
    idempotencyKey: placement.idempotencyKey,
    kind: options.parentId ? "extend" : request.kind,
    parentId: options.parentId ?? null,
    // A custom storyboard's prompt is in its shots: the row keeps them readable in lists and search.
    prompt: request.prompt || (request.shots ?? []).map((shot) => shot.prompt).join(" / "),
    negativePrompt: request.negativePrompt,
    mode: request.mode,
    durationSeconds: request.duration,
    aspectRatio: request.kind === "text_to_video" ? request.aspectRatio : "auto",
    cfgScale: request.cfgScale,
    audio: request.audio,
    cameraControl: request.cameraControl ?? null,
    // The model is fixed at submit: a routing change later never alters a paid-for job.
    params: { request, requestHash: hash, engineModel: route.model, ...(options.api ? { api: options.api } : {}) },
    startImageId: request.kind === "image_to_video" ? request.startImageId : null,
    endImageId: request.kind === "image_to_video" ? (request.endImageId ?? null) : null,
    provider: route.engine,
    cost: price.perGeneration,
    externalTaskId: options.externalTaskId && request.count === 1 ? options.externalTaskId : null,
    callbackUrl: options.callbackUrl ?? null,
    createdAt: now,
  } satisfies NewGenerations;
  const spend = spendCtes({
    userId: user.id,
    now,
    reason: "spend",
    note: null,
    charges: Prisma.sql`SELECT k, id AS ref, id AS "generationId", ${price.perGeneration}::int AS amount FROM fresh`,
    // Read under the user's share lock and the elements' locks: a suspended user, or an element deleted meanwhile, spends nothing.
    gate: Prisma.sql`(SELECT NOT suspended FROM owner) AND (SELECT count(*) FROM elements) = ${elementIds.length}`,
  });
  // Prepared: the statement plans for longer than it runs.
  const rows = await preparedQuery<SubmitRow[]>(tx, Prisma.sql`
    WITH owner AS (
      -- A share lock on the user's row: an admin's suspension (which updates that row) either waits for this
      -- submit and then cancels its jobs, or commits first and this submit sees it.
      SELECT "suspendedAt" IS NOT NULL AS suspended, ${lastQueueOrder(user.id, route.engine)} AS "lastOrder"
        FROM "User" WHERE id = ${user.id} FOR SHARE
    ), elements AS (
      SELECT id FROM "Element" WHERE id = ANY(${elementIds}::text[]) AND "userId" = ${user.id} FOR SHARE
    ), fresh AS (
      SELECT n.id, (${firstIndex} + n.k - 1)::int AS "batchIndex", n.seed, n.k,
             ${queueOrderSql(user.plan, now, Prisma.sql`owner."lastOrder"`, Prisma.sql`n.k`, pricingConfig().queue)} AS "queueOrder"
        FROM unnest(${ids}::text[], ${seeds}::int[]) WITH ORDINALITY AS n(id, seed, k), owner
    ), ${spend}, inserted AS (
      ${generationsInsert(shared, Prisma.sql`SELECT * FROM fresh WHERE (SELECT ok FROM spend_state)`)}
    ), refs AS (
      ${referencesInsert(Prisma.sql`SELECT id FROM inserted`, references)}
    ), jobs AS (
      ${generationJobsInsert(route.engine, Prisma.sql`SELECT id, "queueOrder" FROM inserted`)}
    )
    SELECT o.suspended AS _suspended, s.balance AS _balance, s.ok AS _ok,
           (SELECT array_agg(id) FROM elements) AS _elements, g.*
      FROM owner o CROSS JOIN spend_state s LEFT JOIN inserted g ON true
     ORDER BY g."batchIndex"`);
  const verdict = rows[0];
  if (!verdict) throw new Error(`No user ${user.id}.`);
  if (verdict._suspended) throw new SubmitError("suspended", SUSPENDED);
  const deleted = deletedElementError(references, verdict._elements ?? []);
  if (deleted) throw deleted;
  if (!verdict._ok) throw new InsufficientCreditsError(price.perGeneration * ids.length, verdict._balance);
  const generations = rows.map(({ _suspended, _balance, _ok, _elements, ...g }) => generationFromRow(g as Generation));
  // The API's first callback (the task submitted), in the caller's transaction.
  if (options.callbackUrl) for (const g of generations) await recordCallback(tx, g);
  return generations;
}

/**
 * validate → price → spend → insert N generations → enqueue N jobs, in one transaction: either
 * every job exists and is paid for, or nothing happened.
 */
export async function submitGeneration(user: PublicUser, asked: GenerationRequest, options: SubmitOptions = {}): Promise<SubmitResult> {
  const prepared = await prepareRequest(user, asked, options);
  const { request, price } = prepared;

  const hash = requestHash({ ...request, parentId: options.parentId });
  const key = options.idempotencyKey;
  if (key) {
    const replayed = await replay(user.id, key, hash);
    if (replayed) return { batchId: replayed[0]!.batchId, generations: replayed, price, replayed: true };
  }

  const now = options.now ?? new Date();
  const batchId = randomUUID();
  // Started before the transaction: pg-boss's own start-up DDL must not wait on our locks.
  await queue();
  try {
    const place = (tx: RawSql) => insertGenerations(tx, user, prepared, { batchId, firstIndex: 0, idempotencyKey: key ?? null, hash, now, options });
    // One statement is its own transaction; a callback's record goes in the same one.
    const generations = options.callbackUrl ? await sqlTransaction(place) : await place(sql());
    // Not awaited: the jobs are committed, and a wake-up must not hold the answer when the pool is busy.
    void publishQueued(generations);
    return { batchId, generations, price, replayed: false };
  } catch (error) {
    if (error instanceof InsufficientCreditsError) throw insufficientCredits(price, await creditBalance(user.id, now));
    if (key && isUniqueViolation(error)) {
      // The same key submitted concurrently: the other request won; answer with its jobs.
      const replayed = await replay(user.id, key, hash);
      if (replayed) return { batchId: replayed[0]!.batchId, generations: replayed, price, replayed: true };
    }
    throw error;
  }
}

import "server-only";
import { createHash, randomInt, randomUUID } from "node:crypto";
import type { PublicUser } from "../auth/users";
import { InsufficientCreditsError, creditBalance, inTransaction, spendCredits } from "../credits/ledger";
import { checkPlanAllows, type PlanRefusalCode } from "../credits/plan-rules";
import { priceInputOf, priceOf, type Price } from "../credits/price";
import { db } from "../db/client";
import { Prisma, type Generation } from "../db/generated/client";
import { DomainError } from "../errors/domain";
import { unsupportedByEngine } from "../engines/capabilities";
import { engineRoute } from "../engines/routing";
import { QUEUES, queue, queueDbFor } from "../queue/boss";
import type { GenerationRequest } from "../validation/generation";
import { checkContentPolicy, ContentPolicyError } from "./content-policy";
import { notify } from "./transitions";

export type SubmitErrorCode =
  | "idempotency_key_reused"
  | "unknown_image"
  | "content_policy"
  | PlanRefusalCode
  | "unsupported"
  | "insufficient_credits"
  | "not_found"
  | "not_finished"
  | "too_long";

/** A refused submit: a closed code, a message a person can act on and the field it is about. */
export class SubmitError extends DomainError<SubmitErrorCode> {}

export type SubmitOptions = {
  /** A retried submit with the same key returns the same jobs, charged once. */
  idempotencyKey?: string;
  externalTaskId?: string;
  callbackUrl?: string;
  /** Set by the public API: the key that submitted the task (it signs the callbacks) and the origin links point at. */
  api?: { keyId: string; baseUrl: string };
  /** Set by submitExtension: the video this generation continues (an image-to-video of its last frame). */
  parentId?: string;
  now?: Date;
};

export type SubmitResult = { batchId: string; generations: Generation[]; price: Price; replayed: boolean };

/**
 * Job options: transient engine errors retry with backoff. A job held by a dead worker is taken
 * back by the sweeper (heartbeats); pg-boss's own expiry is only a backstop, so it must outlast
 * the longest legitimate job (a remote engine polled for over an hour) and the job deadline.
 */
export const GENERATION_JOB_OPTIONS = { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 150 * 60 } as const;

const MAX_SEED = 2_147_483_647;

/** The queue a generation's jobs go to: a remote engine's hour of polling must not hold a local render slot. */
export function generationQueue(provider: string): string {
  return provider === "local" ? QUEUES.generation : QUEUES.remoteGeneration;
}

function requestHash(request: GenerationRequest & { parentId?: string }): string {
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

async function checkImages(userId: string, request: GenerationRequest): Promise<void> {
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

/**
 * validate → price → spend → insert N generations → enqueue N jobs, in one transaction: either
 * every job exists and is paid for, or nothing happened.
 */
export async function submitGeneration(user: PublicUser, request: GenerationRequest, options: SubmitOptions = {}): Promise<SubmitResult> {
  try {
    checkContentPolicy([
      { field: "prompt", text: request.prompt },
      { field: "negative prompt", text: request.negativePrompt },
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
  await checkImages(user.id, request);

  const hash = requestHash({ ...request, parentId: options.parentId });
  const key = options.idempotencyKey;
  if (key) {
    const replayed = await replay(user.id, key, hash);
    if (replayed) return { batchId: replayed[0]!.batchId, generations: replayed, price, replayed: true };
  }

  const now = options.now ?? new Date();
  const batchId = randomUUID();
  const baseSeed = request.seed ?? randomInt(0, MAX_SEED);
  // Started before the transaction: pg-boss's own start-up DDL must not wait on our locks.
  const boss = await queue();
  try {
    const generations = await inTransaction(undefined, async (tx) => {
      const rows: Generation[] = [];
      for (let index = 0; index < request.count; index++) {
        const generation = await tx.generation.create({
          data: {
            id: randomUUID(),
            userId: user.id,
            batchId,
            batchIndex: index,
            idempotencyKey: key ?? null,
            kind: options.parentId ? "extend" : request.kind,
            parentId: options.parentId ?? null,
            prompt: request.prompt,
            negativePrompt: request.negativePrompt,
            mode: request.mode,
            durationSeconds: request.duration,
            aspectRatio: request.kind === "text_to_video" ? request.aspectRatio : "auto",
            cfgScale: request.cfgScale,
            audio: request.audio,
            seed: (baseSeed + index) % MAX_SEED,
            cameraControl: request.cameraControl ?? Prisma.DbNull,
            // The model is fixed at submit: a routing change later never alters a paid-for job.
            params: { request, requestHash: hash, engineModel: route.model, ...(options.api ? { api: options.api } : {}) },
            startImageId: request.kind === "image_to_video" ? request.startImageId : null,
            endImageId: request.kind === "image_to_video" ? (request.endImageId ?? null) : null,
            provider: route.engine,
            cost: price.perGeneration,
            externalTaskId: options.externalTaskId && request.count === 1 ? options.externalTaskId : null,
            callbackUrl: options.callbackUrl ?? null,
            createdAt: now,
          },
        });
        // One spend per generation (ref = its id), so each can be refunded on its own.
        await spendCredits(user.id, price.perGeneration, generation.id, { now, generationId: generation.id, tx });
        rows.push(generation);
      }
      const jobDb = queueDbFor(tx);
      for (const g of rows) {
        await boss.send(generationQueue(g.provider), { generationId: g.id }, { ...GENERATION_JOB_OPTIONS, db: jobDb });
        await notify(tx, g.id, user.id, true);
      }
      return rows;
    });
    return { batchId, generations, price, replayed: false };
  } catch (error) {
    if (error instanceof InsufficientCreditsError) {
      const balance = await creditBalance(user.id, now);
      throw new SubmitError("insufficient_credits", new InsufficientCreditsError(price.total, balance).message);
    }
    if (key && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      // The same key submitted concurrently: the other request won; answer with its jobs.
      const replayed = await replay(user.id, key, hash);
      if (replayed) return { batchId: replayed[0]!.batchId, generations: replayed, price, replayed: true };
    }
    throw error;
  }
}

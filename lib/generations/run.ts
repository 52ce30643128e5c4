import "server-only";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "../db/client";
import type { Generation } from "../db/generated/client";
import { engineReferences } from "../elements/engine-references";
import { engineFor } from "../engines";
import { EngineError, type EngineOutput } from "../engines/types";
import { assetToServe } from "../media/variants";
import { storeFileAsset } from "../storage/assets";
import { storage } from "../storage";
import { generationRequestSchema } from "../validation/generation";
import { deleteUnreferencedAssets } from "./delete";
import { joinAfterParent } from "./extend-join";
import { attemptsUsed, enqueueGeneration, MAX_ATTEMPTS, retryBackoffSeconds } from "./job-queue";
import { observeAttempt } from "./attempt-metrics";
import { handBackGeneration, sendBackUnclaimed } from "./hand-back";
import { isHandBack } from "../engines/hand-back";
import { isDraining, trackJob } from "../worker/drain";
import { claimGeneration, completeGeneration, endWithoutVideo, JobStoppedError, recordProviderTask, reportProgress, requeueGeneration } from "./transitions";
import { logger } from "../log";

const log = logger("worker");

const HEARTBEAT_MS = 10_000;
const WAIT_FOR_SLOT_SECONDS = 3;

async function materialise(assetId: string | null, workDir: string, name: string): Promise<string | undefined> {
  if (!assetId) return undefined;
  const asset = await db().asset.findUniqueOrThrow({ where: { id: assetId } });
  const file = path.join(workDir, `${name}${path.extname(asset.storageKey)}`);
  await storage().download(asset.storageKey, file);
  return file;
}

async function render(g: Generation, workDir: string, signal: AbortSignal): Promise<EngineOutput> {
  const params = g.params as { request: unknown; engineModel?: string | null };
  const request = generationRequestSchema.parse(params.request);
  const [startImagePath, endImagePath, references] = await Promise.all([
    materialise(g.startImageId, workDir, "start"),
    materialise(g.endImageId, workDir, "end"),
    engineReferences(g.userId, request.references, async (assetId, name) => (await materialise(assetId, workDir, name))!),
  ]);
  let reported = -1;
  let reportedAt = 0;
  return engineFor(g.provider).render({
    generationId: g.id,
    request: { ...request, count: 1 },
    seed: g.seed ?? 0,
    startImagePath,
    endImagePath,
    ...(references ? { references } : {}),
    workDir,
    signal,
    model: params.engineModel ?? null,
    remoteTaskId: g.providerTaskId,
    onRemoteTask: (taskId) => recordProviderTask(g.id, g.attempts, taskId),
    // At most one write per percent or per second; 100 is written with the output.
    onProgress: async (percent) => {
      const now = Date.now();
      if (percent - reported < 1 && now - reportedAt < 1000) return;
      reported = percent;
      reportedAt = now;
      await reportProgress(g.id, g.attempts, Math.min(percent, 99));
    },
  });
}

/** An extension's output: its parent's video followed by the shot just rendered. */
async function extend(parentId: string | null, shot: EngineOutput, workDir: string, signal: AbortSignal): Promise<EngineOutput> {
  const parent = parentId ? await db().generation.findUnique({ where: { id: parentId }, include: { outputVideo: true } }) : null;
  const video = parent?.outputVideo;
  if (!parent || !video || !parent.width || !parent.height || !parent.fps || !parent.outputDurationMs) {
    throw new EngineError("The video this extends has been deleted.", false, "parent_deleted");
  }
  const videoPath = await materialise(video.id, workDir, "parent");
  return joinAfterParent(
    { videoPath: videoPath!, width: parent.width, height: parent.height, fps: parent.fps, durationMs: parent.outputDurationMs, hasAudio: parent.audio },
    shot,
    workDir,
    signal,
  );
}

async function store(g: Generation, output: EngineOutput): Promise<"succeeded" | "stopped"> {
  const video = await storeFileAsset(g.userId, "video", output.videoPath, {
    mime: "video/mp4",
    width: output.width,
    height: output.height,
    durationMs: output.durationMs,
  });
  const poster = await storeFileAsset(g.userId, "poster", output.posterPath, { mime: "image/jpeg", width: output.width, height: output.height, sourceId: video.id });
  // The watermarked copies a free plan is served are made now, so the first play needs no wait.
  const owner = await db().user.findUniqueOrThrow({ where: { id: g.userId }, select: { plan: true } });
  await Promise.all([assetToServe(owner.plan, video), assetToServe(owner.plan, poster)]);
  const finished = await completeGeneration(g.id, g.attempts, {
    outputVideoId: video.id,
    thumbnailId: poster.id,
    width: output.width,
    height: output.height,
    fps: output.fps,
    outputDurationMs: output.durationMs,
    outputSize: video.size,
    providerUnits: output.providerUnits ?? null,
  });
  // Cancelled or taken over while storing: the files belong to no generation (unless an identical
  // render of another one shares them, deduplicated by checksum).
  if (!finished) await deleteUnreferencedAssets(g.userId, [poster.id, video.id]);
  return finished ? "succeeded" : "stopped";
}

/**
 * The pg-boss handler of one generation job: claim it, render it with its engine, store the
 * video and poster, and finish it — or retry a transient failure with backoff, or fail it and
 * refund. Cancellation and takeover surface as JobStoppedError at the next progress step.
 */
export async function runGenerationJob(generationId: string): Promise<void> {
  if (isDraining()) return sendBackUnclaimed(generationId);
  const claim = await claimGeneration(generationId);
  // Still queued (the plan's slots are full): look again shortly. A failed send fails this job, which pg-boss retries.
  if (claim.kind === "wait") return enqueueGeneration({ id: generationId, provider: claim.provider, queueOrder: claim.queueOrder }, { startAfterSeconds: WAIT_FOR_SLOT_SECONDS });
  if (claim.kind !== "claimed") return;
  const g = claim.generation;
  const ended = observeAttempt(g);

  // Tracked before anything is awaited: a shutdown that starts now sees this job running and gives it its grace.
  const abort = new AbortController();
  const untrack = trackJob(g.id, g.provider !== "local", abort);
  const workDir = await mkdtemp(path.join(tmpdir(), "reelsmith-job-")).catch((error: unknown) => {
    untrack();
    throw error;
  });
  // Keeps the job alive between progress reports (e.g. while downloading inputs).
  const heartbeat = setInterval(() => {
    reportProgress(g.id, g.attempts, 0).catch((error) => {
      if (error instanceof JobStoppedError) abort.abort();
    });
  }, HEARTBEAT_MS);
  try {
    const shot = await render(g, workDir, abort.signal);
    const output = g.kind === "extend" ? await extend(g.parentId, shot, workDir, abort.signal) : shot;
    ended(await store(g, output));
  } catch (error) {
    // Stopping (a deploy may signal its ffmpeg too): whatever broke the attempt, the next worker redoes it.
    if (isHandBack(abort.signal) || isDraining()) return ended((await handBackGeneration(g)) ? "handed_back" : "stopped");
    if (error instanceof JobStoppedError || abort.signal.aborted) return ended("stopped");
    if (error instanceof EngineError && error.detail) log.error({ attempt: g.attempts, detail: error.detail }, "engine error");
    const transient = !(error instanceof EngineError) || error.transient;
    const message = error instanceof Error ? error.message : String(error);
    if (transient && attemptsUsed(g) < MAX_ATTEMPTS) {
      await requeueGeneration(g.id, g.attempts, message, { startAfterSeconds: retryBackoffSeconds(attemptsUsed(g)) });
      return ended("retried");
    }
    if (!(error instanceof EngineError)) log.error({ err: error, attempt: g.attempts }, "generation failed");
    await endWithoutVideo(g.id, {
      status: "failed",
      attempt: g.attempts,
      errorCode: error instanceof EngineError ? error.code : "internal_error",
      error: `${error instanceof EngineError ? message : "The video could not be rendered."} Your ${g.cost} credits were refunded.`,
    });
    ended("failed");
  } finally {
    untrack();
    clearInterval(heartbeat);
    await rm(workDir, { recursive: true, force: true });
  }
}

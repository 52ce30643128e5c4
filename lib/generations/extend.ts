import "server-only";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { PublicUser } from "../auth/users";
import { pricingConfig, type ModeId } from "../credits/config";
import { priceOf } from "../credits/price";
import { db } from "../db/client";
import { FFMPEG_PATH } from "../engines/ffmpeg/run";
import { storage } from "../storage";
import { storeFileAsset } from "../storage/assets";
import { imageToVideoSchema, type ExtendRequest } from "../validation/generation";
import { checkBeforeWork, submitGeneration, SubmitError, type SubmitOptions, type SubmitResult } from "./submit";

const run = promisify(execFile);

/**
 * Extends a finished video by one more shot: its last frame becomes the start frame of an
 * image-to-video generation at the parent's mode (so any engine that animates an image can extend),
 * and the worker joins the parent and the new shot into one video. Priced as a new clip of the
 * extension's length; refused past the configured total length.
 */
export async function submitExtension(user: PublicUser, parentId: string, body: ExtendRequest, options: SubmitOptions = {}): Promise<SubmitResult> {
  const parent = await db().generation.findFirst({ where: { id: parentId, userId: user.id } });
  if (!parent) throw new SubmitError("not_found", "No such video.");
  const refusal = extensionRefusal(parent);
  if (refusal) throw refusal;
  // extensionRefusal has checked that the parent has its video.
  const videoId = parent.outputVideoId!;
  const request = (startImageId: string) =>
    imageToVideoSchema.parse({
      kind: "image_to_video",
      prompt: body.prompt || continuedPrompt(parent),
      negativePrompt: body.negativePrompt ?? parent.negativePrompt,
      cfgScale: body.cfgScale ?? parent.cfgScale,
      mode: parent.mode,
      duration: pricingConfig().extend.seconds,
      audio: parent.audio,
      startImageId,
    });
  const submitOptions = { ...options, parentId: parent.id };
  // Price, policy, plan and balance refuse before ffmpeg runs; none of them depends on the frame.
  await checkBeforeWork(user, request(videoId), submitOptions);
  return submitGeneration(user, request(await lastFrameOf(user.id, videoId, { width: parent.width!, height: parent.height! })), submitOptions);
}

/** What the extension shows unless told: the parent's prompt, or a storyboard's last shot (the one it continues). */
function continuedPrompt(parent: { prompt: string; params: unknown }): string {
  const shots = (parent.params as { request?: { shots?: { prompt: string }[] } } | null)?.request?.shots;
  return shots?.at(-1)?.prompt ?? parent.prompt;
}

type Extendable = { status: string; outputVideoId: string | null; outputDurationMs: number | null; mode: ModeId; audio: boolean };

/** Why this generation cannot be extended (unfinished, or at the length limit), or null when it can. */
function extensionRefusal(g: Extendable): SubmitError | null {
  if (g.status !== "succeeded" || !g.outputVideoId || !g.outputDurationMs) return new SubmitError("not_finished", "Only a finished video can be extended.");
  const { seconds, maxTotalSeconds } = pricingConfig().extend;
  const currentSeconds = Math.round(g.outputDurationMs / 1000);
  if (currentSeconds + seconds > maxTotalSeconds) return new SubmitError("too_long", `This video is ${currentSeconds} s long; extensions stop at ${maxTotalSeconds} s.`);
  return null;
}

export type ExtensionQuote = { cost: number | null; seconds: number; blocked: string | null };

/** What extending this generation would cost, or why it cannot be extended (for the gallery's button). */
export function extensionQuote(g: Extendable): ExtensionQuote {
  const seconds = pricingConfig().extend.seconds;
  const refusal = extensionRefusal(g);
  if (refusal) return { cost: null, seconds, blocked: refusal.message };
  return { cost: priceOf({ kind: "extend", mode: g.mode, audio: g.audio, count: 1 }).total, seconds, blocked: null };
}

/**
 * The video's last frame, stored as the user's image (deduplicated: extending twice stores it once).
 * It is our own render, not an upload: the upload rules (such as the minimum side, which a preview
 * quality render is below) do not apply.
 */
async function lastFrameOf(userId: string, videoId: string, size: { width: number; height: number }): Promise<string> {
  const video = await db().asset.findUniqueOrThrow({ where: { id: videoId } });
  const dir = await mkdtemp(path.join(tmpdir(), "reelsmith-extend-"));
  try {
    const source = path.join(dir, "source.mp4");
    const frame = path.join(dir, "last.jpg");
    await storage().download(video.storageKey, source);
    // Decodes the final half second and keeps overwriting one picture: the last frame wins.
    await run(FFMPEG_PATH, ["-v", "error", "-sseof", "-0.5", "-i", source, "-update", "1", "-q:v", "2", "-y", frame]);
    return (await storeFileAsset(userId, "image", frame, { mime: "image/jpeg", ...size })).id;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

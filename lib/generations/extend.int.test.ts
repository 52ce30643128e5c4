import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CEILING } from "@/tests/support/ceilings";
import { renderFileAt } from "@/tests/support/render-quality";
import { createGeneration, probeAsset, storeTestMedia, userWithCredits, waitForEnd } from "@/tests/support/generations";
import { createTestUser } from "@/tests/support/users";
import { creditBalance } from "../credits/ledger";
import { db } from "../db/client";
import { generationRequestSchema, extendRequestSchema } from "../validation/generation";
import { startWorker, stopWorker } from "../worker/start";
import { submitExtension } from "./extend";
import { submitGeneration, SubmitError } from "./submit";

// What is proved here is the join and the money around it; the sizes of full renders are the pipeline's tests.
renderFileAt("preview");
beforeAll(() => startWorker({ schedules: false }));
afterAll(() => stopWorker());

const extendBody = (input: unknown = {}) => extendRequestSchema.parse(input);

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SubmitError);
  return error as SubmitError;
}

describe("extending a video", () => {
  it("continues a finished video from its last frame: one longer video, charged as a new 5 s clip", async () => {
    const user = await userWithCredits("free");
    const { generations } = await submitGeneration(user, generationRequestSchema.parse({ kind: "text_to_video", prompt: "a lighthouse on a cliff at dusk", audio: true }));
    const parent = await waitForEnd(generations[0]!.id);
    expect(parent.status).toBe("succeeded");

    const before = await creditBalance(user.id);
    const { generations: [extension], price } = await submitExtension(user, parent.id, extendBody({ prompt: "the beam sweeps over the sea" }));
    expect(price.total).toBe(20);
    expect(extension).toMatchObject({ kind: "extend", parentId: parent.id, mode: "standard", durationSeconds: 5, audio: true, prompt: "the beam sweeps over the sea" });
    expect(await creditBalance(user.id)).toBe(before - 20);
    // The start frame is the parent's last frame, stored as the user's image.
    const frame = await db().asset.findUniqueOrThrow({ where: { id: extension!.startImageId! } });
    expect(frame).toMatchObject({ userId: user.id, kind: "image", width: 320, height: 180 });

    const done = await waitForEnd(extension!.id);
    expect(done).toMatchObject({ status: "succeeded", width: 320, height: 180, fps: 12, outputDurationMs: 10_000 });
    const probe = await probeAsset(done.outputVideoId!);
    expect(probe.streams.find((s) => s.codec_type === "video")).toMatchObject({ codec_name: "h264", width: 320, height: 180, r_frame_rate: "12/1", nb_frames: "120" });
    expect(probe.streams.some((s) => s.codec_type === "audio")).toBe(true);
    expect(Number(probe.format.duration)).toBeCloseTo(10, 0);
  }, CEILING.suite);

  it("refuses another user's video, an unfinished one and one at the length limit, charging nothing", async () => {
    const user = await userWithCredits("free");
    const other = await userWithCredits("free");
    const video = await storeTestMedia(user.id, "video", "not really a video");
    const finished = await createGeneration(user.id, { outputVideoId: video.id, outputDurationMs: 5000, width: 1280, height: 720, fps: 24 });
    const running = await createGeneration(user.id, { status: "running" });
    const long = await createGeneration(user.id, { outputVideoId: video.id, outputDurationMs: 178_000 });
    const before = await creditBalance(user.id);

    expect(await refusal(submitExtension(other, finished.id, extendBody()))).toMatchObject({ code: "not_found", message: "No such video." });
    expect(await refusal(submitExtension(user, running.id, extendBody()))).toMatchObject({ code: "not_finished", message: "Only a finished video can be extended." });
    expect(await refusal(submitExtension(user, long.id, extendBody()))).toMatchObject({ code: "too_long", message: "This video is 178 s long; extensions stop at 180 s." });
    expect(await creditBalance(user.id)).toBe(before);
    expect(await db().generation.count({ where: { userId: { in: [user.id, other.id] }, kind: "extend" } })).toBe(0);
  });

  it("refuses for the balance, the content policy and the plan before any ffmpeg runs", async () => {
    const poor = { ...(await createTestUser("free")), name: null, plan: "free" } as const;
    // Not a video: had ffmpeg run on it, the refusal would be its error, and a frame would be stored.
    const video = await storeTestMedia(poor.id, "video", "not really a video");
    const finished = await createGeneration(poor.id, { outputVideoId: video.id, outputDurationMs: 5000, width: 1280, height: 720, fps: 24 });
    expect(await refusal(submitExtension(poor, finished.id, extendBody()))).toMatchObject({
      code: "insufficient_credits",
      message: "This needs 10 credits and your balance is 0. Buy credits or choose a cheaper setting.",
    });

    const user = await userWithCredits("free");
    const clip = await storeTestMedia(user.id, "video", "not really a video either");
    const parent = await createGeneration(user.id, { outputVideoId: clip.id, outputDurationMs: 5000, width: 1280, height: 720, fps: 24 });
    expect(await refusal(submitExtension(user, parent.id, extendBody({ prompt: "then g\u200Bore everywhere" })))).toMatchObject({ code: "content_policy" });
    const pro = await createGeneration(user.id, { outputVideoId: clip.id, outputDurationMs: 5000, width: 1920, height: 1080, fps: 30, mode: "professional" });
    expect(await refusal(submitExtension(user, pro.id, extendBody()))).toMatchObject({ code: "plan_required" });

    expect(await db().asset.count({ where: { userId: { in: [poor.id, user.id] }, kind: "image" } })).toBe(0);
    expect(await db().generation.count({ where: { userId: { in: [poor.id, user.id] }, kind: "extend" } })).toBe(0);
    expect(await creditBalance(user.id)).toBe(2000);
  });

  it("fails and refunds once when the video it extends is deleted before the join", async () => {
    const user = await userWithCredits("free");
    const { generations } = await submitGeneration(user, generationRequestSchema.parse({ kind: "text_to_video", prompt: "rain on a window" }));
    const parent = await waitForEnd(generations[0]!.id);
    const before = await creditBalance(user.id);
    await stopWorker();
    const { generations: [extension] } = await submitExtension(user, parent.id, extendBody());
    await db().generation.update({ where: { id: parent.id }, data: { outputVideoId: null } });
    await startWorker({ schedules: false });
    const done = await waitForEnd(extension!.id);
    expect(done).toMatchObject({ status: "failed", errorCode: "parent_deleted" });
    expect(done.error).toMatch(/^The video this extends has been deleted\. Your 10 credits were refunded\.$/);
    expect(await creditBalance(user.id)).toBe(before);
  }, CEILING.suite);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/generations/route";
import { CEILING } from "@/tests/support/ceilings";
import { probeAsset, waitForEnd } from "@/tests/support/generations";
import { renderFileAt } from "@/tests/support/render-quality";
import { authedRequest } from "@/tests/support/session";
import { createTestUser } from "@/tests/support/users";
import { grantCredits } from "../credits/ledger";
import { db } from "../db/client";
import { extendRequestSchema } from "../validation/generation";
import { startWorker, stopWorker } from "../worker/start";
import { submitExtension } from "./extend";

// Storyboards through the studio's route, the real queue, worker, local engine and ffmpeg (preview: 12 fps).

renderFileAt("preview");
beforeAll(() => startWorker({ schedules: false }));
afterAll(() => stopWorker());

async function submit(userId: string, body: unknown) {
  const response = await POST(await authedRequest("/api/generations", userId, { method: "POST", body: JSON.stringify(body) }));
  return { status: response.status, body: await response.json() };
}

async function userWith(credits: number) {
  const user = await createTestUser("standard");
  await grantCredits({ userId: user.id, source: "promo", amount: credits, expiresAt: new Date("2099-01-01"), externalRef: `promo-${user.id}` });
  return user;
}

/** Credits the user's spends took (the first request of a day also grants the daily bonus, so the balance alone says less). */
async function spent(userId: string): Promise<number> {
  const spends = await db().creditEntry.findMany({ where: { userId, reason: "spend" } });
  return spends.reduce((sum, entry) => sum - entry.amount, 0);
}

const shots = [
  { prompt: "a lighthouse at dusk", duration: 4 },
  { prompt: "waves on the rocks", duration: 5, cameraControl: { type: "axis", axis: "zoom", value: 3 } },
  { prompt: "the beam over the sea", duration: 6 },
];
const storyboard = { kind: "text_to_video", duration: 15, shots };

describe("storyboards end to end", () => {
  it("charges 15 s at the mode's rate once, renders one 15 s video of 15 × fps frames, and keeps the shots", async () => {
    const user = await userWith(100);
    const { status, body } = await submit(user.id, { ...storyboard, audio: true });
    expect(status).toBe(201);
    // Standard with audio: 4 credits a second.
    expect(body.price).toMatchObject({ seconds: 15, creditsPerSecond: 4, total: 60 });
    expect(await spent(user.id)).toBe(60);
    const g = await waitForEnd(body.generations[0].id);
    expect(g).toMatchObject({ status: "succeeded", cost: 60, durationSeconds: 15, outputDurationMs: 15_000, fps: 12, prompt: "a lighthouse at dusk / waves on the rocks / the beam over the sea" });
    expect((g.params as { request: { shots: unknown } }).request.shots).toEqual(shots);
    const probe = await probeAsset(g.outputVideoId!);
    expect(probe.streams.find((s) => s.codec_type === "video")).toMatchObject({ nb_frames: "180" });
    expect(probe.streams.some((s) => s.codec_type === "audio")).toBe(true);

    // Extend works on a storyboard like on any video: it continues the last shot.
    const extension = await submitExtension(user, g.id, extendRequestSchema.parse({}));
    const extended = await waitForEnd(extension.generations[0]!.id);
    expect(extended).toMatchObject({ status: "succeeded", prompt: "the beam over the sea", outputDurationMs: 20_000 });
  }, CEILING.render);

  it.each([
    ["1 shot", { ...storyboard, duration: 4, shots: [shots[0]] }, "shots", /2 to 6 shots/],
    ["7 shots", { ...storyboard, duration: 14, shots: Array.from({ length: 7 }, () => ({ prompt: "a", duration: 2 })) }, "shots", /2 to 6 shots/],
    ["a shot of 0 s", { ...storyboard, shots: [...shots, { prompt: "x", duration: 0 }] }, "shots", /^Shot 4: its length must be a whole number of seconds, at least 1/],
    ["lengths not adding up", { ...storyboard, duration: 12 }, "shots", /= 15 s but the video's length is 12 s/],
    ["a total over 15 s", { ...storyboard, duration: 16, shots: [...shots, { prompt: "x", duration: 1 }] }, "duration", /from 3 to 15/],
    ["a 513-character shot prompt", { ...storyboard, shots: [{ ...shots[0], prompt: "x".repeat(513) }, shots[1], shots[2]] }, "shots", /^Shot 1: its prompt is limited to 512 characters/],
    ["custom without shots", { kind: "text_to_video", prompt: "x", shotType: "custom" }, "shots", /needs its shots/],
    ["automatic without a prompt", { kind: "image_to_video", startImageId: "x", shotType: "automatic" }, "prompt", /write a prompt/],
  ])("refuses %s with a sentence naming the field, charging and writing nothing", async (_, body, field, message) => {
    const user = await userWith(100);
    const { status, body: answer } = await submit(user.id, body);
    expect(status, JSON.stringify(answer)).toBe(422);
    expect(answer.error.fields[field], JSON.stringify(answer)).toMatch(message);
    expect(await spent(user.id)).toBe(0);
    expect(await db().generation.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses a storyboard on an engine that cannot render one, and a camera move the engine cannot make, before any charge", async () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { ENGINE_STANDARD: "kling:kling-v2-6", KLING_API_KEY: "k" });
      const user = await userWith(100);
      const refused = await submit(user.id, { ...storyboard, duration: 10, shots: [shots[0], { prompt: "b", duration: 6 }] });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields.shots).toMatch(/kling-v2-6\) cannot make storyboards/);
      process.env.ENGINE_STANDARD = "kling:kling-v3";
      const camera = await submit(user.id, storyboard);
      expect(camera.status).toBe(422);
      expect(camera.body.error.fields["shots.1.cameraControl"]).toMatch(/cannot move the camera .* \(shot 2\)/);
      expect(await spent(user.id)).toBe(0);
      expect(await db().generation.count({ where: { userId: user.id } })).toBe(0);
    } finally {
      process.env = saved;
    }
  });
});

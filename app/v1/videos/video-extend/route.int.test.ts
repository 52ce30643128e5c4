import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { creditBalance } from "@/lib/credits/ledger";
import { db } from "@/lib/db/client";
import { stopQueue } from "@/lib/queue/boss";
import { storeFileAsset } from "@/lib/storage/assets";
import { apiCaller, callApi, type TestCaller } from "@/tests/support/api";
import { createGeneration } from "@/tests/support/generations";
import { GET as getOne } from "./[id]/route";
import { GET as list, POST as create } from "./route";

afterAll(() => stopQueue());

const ffmpeg = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;

/** A finished 5 s text-to-video task of the caller's, with a real (short) MP4 as its video. */
async function finishedTask(caller: TestCaller) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "extend-api-")), "video.mp4");
  execFileSync(ffmpeg, ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=24:duration=1", "-pix_fmt", "yuv420p", file]);
  const video = await storeFileAsset(caller.userId, "video", file, { mime: "video/mp4", width: 1280, height: 720, durationMs: 5000 });
  return createGeneration(caller.userId, { outputVideoId: video.id, outputDurationMs: 5000, width: 1280, height: 720, fps: 24 });
}

const extend = (caller: TestCaller, body: unknown) => callApi(create, { method: "POST", path: "/v1/videos/video-extend", authorization: caller.bearer, body });

describe("POST /v1/videos/video-extend", () => {
  it("extends a finished video by its task_result video id, charged as a new 5 s clip, queryable by external_task_id", async () => {
    const caller = await apiCaller();
    const parent = await finishedTask(caller);
    const answer = await extend(caller, { video_id: parent.outputVideoId, prompt: "the camera rises over the dunes", external_task_id: "ext-1" });
    expect(answer).toMatchObject({ httpStatus: 200, code: 0, data: { task_status: "submitted", task_info: { external_task_id: "ext-1" }, final_unit_deduction: "10" } });
    const g = await db().generation.findUniqueOrThrow({ where: { id: answer.data!.task_id } });
    expect(g).toMatchObject({ kind: "extend", parentId: parent.id, mode: "standard", durationSeconds: 5, prompt: "the camera rises over the dunes", cost: 10 });
    expect(await creditBalance(caller.userId)).toBe(490);

    const byExternalId = await callApi(getOne, { path: "/v1/videos/video-extend/ext-1", authorization: caller.bearer, params: { id: "ext-1" } });
    expect(byExternalId.data!.task_id).toBe(g.id);
    const page = await callApi<unknown[]>(list, { path: "/v1/videos/video-extend", authorization: caller.bearer });
    expect(page.data).toHaveLength(1);
  });

  it("refuses another user's video, an unknown id and unknown fields with 1201, charging nothing", async () => {
    const owner = await apiCaller();
    const parent = await finishedTask(owner);
    const stranger = await apiCaller();
    for (const [body, message] of [
      [{ video_id: parent.outputVideoId }, /^Invalid video_id: ".*" is not the video of a finished task of yours\.$/],
      [{ video_id: "nope" }, /^Invalid video_id: /],
      [{ video_id: parent.outputVideoId, mode: "pro" }, /mode/],
      [{}, /^Invalid video_id: /],
    ] as const) {
      const answer = await extend(stranger, body);
      expect(answer, JSON.stringify(body)).toMatchObject({ httpStatus: 400, code: 1201, message: expect.stringMatching(message) });
    }
    expect(await creditBalance(stranger.userId)).toBe(500);
    expect(await db().generation.count({ where: { userId: stranger.userId } })).toBe(0);
  });
});

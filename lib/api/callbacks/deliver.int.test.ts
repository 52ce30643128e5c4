import { createHmac } from "node:crypto";
import net, { type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as create } from "@/app/v1/videos/text2video/route";
import { db } from "@/lib/db/client";
import { claimGeneration, completeGeneration, endWithoutVideo } from "@/lib/generations/transitions";
import { stopQueue } from "@/lib/queue/boss";
import { apiCaller, callApi, type TestCaller } from "@/tests/support/api";
import { storeTestMedia } from "@/tests/support/generations";
import { localServer, type Received } from "@/tests/support/http-server";
import type { KlingTask } from "@/tests/support/kling-client";
import { sendDueCallbacks, startCallbackWorker } from "./deliver";
import { CEILING } from "@/tests/support/ceilings";
import { until } from "@/tests/support/wait";

beforeAll(async () => {
  process.env.API_ALLOW_PRIVATE_URLS = "1";
  process.env.API_CALLBACK_RETRY_SECONDS = "1";
  await startCallbackWorker({ sweep: false });
});
afterAll(async () => {
  await stopQueue();
  delete process.env.API_ALLOW_PRIVATE_URLS;
  delete process.env.API_CALLBACK_RETRY_SECONDS;
  delete process.env.API_CALLBACK_MAX_ATTEMPTS;
});

/** What a receiver does with the README's recipe: recompute the HMAC over "<t>.<raw body>" with the secret key. */
function verifies(request: Received, secret: string): boolean {
  const header = String(request.headers["x-reelsmith-signature"]);
  const { t, v1 } = Object.fromEntries(header.split(",").map((part) => part.split("=") as [string, string]));
  const expected = createHmac("sha256", secret).update(`${t}.${request.body}`).digest("hex");
  return v1 === expected && Math.abs(Date.now() / 1000 - Number(t)) < 300;
}

async function submitWithCallback(caller: TestCaller, callbackUrl: string, externalTaskId = "cb-1") {
  const body = { prompt: "tide pools", callback_url: callbackUrl, external_task_id: externalTaskId };
  const answer = await callApi(create, { method: "POST", path: "/v1/videos/text2video", authorization: caller.bearer, body });
  expect(answer.code).toBe(0);
  return answer.data!.task_id;
}

const statusOf = (r: Received) => (JSON.parse(r.body) as KlingTask).task_status;

/** The task's `count` callback events once each is delivered or given up (a receiver has its request before the outcome is recorded). */
function settledEvents(generationId: string, count: number) {
  return until(`${count} settled callback events`, async () => {
    const rows = await db().apiCallback.findMany({ where: { generationId }, orderBy: { id: "asc" } });
    return rows.length === count && rows.every((e) => e.abandonedAt !== null || e.deliveredAt !== null) && rows;
  });
}

describe("callbacks", () => {
  it("POSTs every status change in order, signed, retrying a failing receiver with exponential backoff", async () => {
    const caller = await apiCaller("standard");
    // The first two deliveries fail: the first event is retried, and the later ones wait behind it.
    const receiver = await localServer((_req, index) => ({ status: index < 2 ? 500 : 200 }));
    try {
      const id = await submitWithCallback(caller, `${receiver.url}/hook`);
      const claim = await claimGeneration(id);
      expect(claim.kind).toBe("claimed");
      const video = await storeTestMedia(caller.userId, "video", `video of ${id}`);
      const poster = await storeTestMedia(caller.userId, "poster", `poster of ${id}`);
      const g = await db().generation.findUniqueOrThrow({ where: { id } });
      await completeGeneration(id, g.attempts, { outputVideoId: video.id, thumbnailId: poster.id, width: 1280, height: 720, fps: 24, outputDurationMs: 5000, outputSize: video.size });

      const received = await until("5 deliveries", () => receiver.received.length >= 5 && receiver.received);
      expect(received.map(statusOf)).toEqual(["submitted", "submitted", "submitted", "processing", "succeed"]);
      expect(received.every((r) => r.method === "POST" && r.url === "/hook" && r.headers["content-type"] === "application/json")).toBe(true);
      expect(received.every((r) => verifies(r, caller.secretKey))).toBe(true);
      expect(verifies({ ...received[4]!, body: received[4]!.body.replace("succeed", "failed") }, caller.secretKey)).toBe(false);
      // Backoff: about 1 s, then about 2 s between the attempts of the first event.
      expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(950);
      expect(received[2]!.at - received[1]!.at).toBeGreaterThanOrEqual(1950);
      // Retries carry the same delivery id; each event has its own.
      const ids = received.map((r) => r.headers["x-reelsmith-delivery"]);
      expect(new Set(ids.slice(0, 3)).size).toBe(1);
      expect(new Set(ids).size).toBe(3);
      const last = JSON.parse(received[4]!.body) as KlingTask;
      expect(last).toMatchObject({ task_id: id, task_status: "succeed", task_info: { external_task_id: "cb-1" }, task_result: { videos: [{ id: video.id, duration: "5" }] } });
      expect(last.task_result.videos[0]!.url).toMatch(/^http:\/\/localhost:3000\/api\/media\/signed\//);
      const events = await settledEvents(id, 3);
      expect(events.map((e) => [e.status, e.attempts, e.deliveredAt !== null])).toEqual([
        ["submitted", 3, true],
        ["processing", 1, true],
        ["succeed", 1, true],
      ]);
    } finally {
      await receiver.close();
    }
  }, CEILING.render);

  it("gives an event up after the last attempt and goes on with the next; a cancelled task reports failed", async () => {
    process.env.API_CALLBACK_MAX_ATTEMPTS = "2";
    const caller = await apiCaller();
    const receiver = await localServer((req) => ({ status: statusOf(req) === "submitted" ? 503 : 204 }));
    try {
      const id = await submitWithCallback(caller, `${receiver.url}/hook`);
      await endWithoutVideo(id, { status: "canceled", userId: caller.userId, error: "Cancelled by you." });
      const received = await until("3 deliveries", () => receiver.received.length >= 3 && receiver.received);
      expect(received.map(statusOf)).toEqual(["submitted", "submitted", "failed"]);
      expect(JSON.parse(received[2]!.body)).toMatchObject({ task_status: "failed", task_status_msg: "Cancelled by you.", final_unit_deduction: "0" });
      const events = await settledEvents(id, 2);
      expect(events.map((e) => [e.status, e.abandonedAt !== null, e.deliveredAt !== null, e.lastError])).toEqual([
        ["submitted", true, false, "HTTP 503"],
        ["failed", false, true, null],
      ]);
    } finally {
      delete process.env.API_CALLBACK_MAX_ATTEMPTS;
      await receiver.close();
    }
  }, CEILING.render);

  it("delivers an event whose job was lost, once the sweep finds it due", async () => {
    const caller = await apiCaller();
    const receiver = await localServer(() => ({ status: 200 }));
    try {
      const id = await submitWithCallback(caller, `${receiver.url}/hook`);
      await until("the first delivery", () => receiver.received.length === 1);
      // An event recorded without its job (as if the job was lost with a crashed worker), long due.
      await db().apiCallback.create({
        data: { generationId: id, apiKeyId: caller.keyId, url: `${receiver.url}/hook`, status: "processing", body: { task_id: id, task_status: "processing" }, nextAttemptAt: new Date(Date.now() - 60_000) },
      });
      expect(await sendDueCallbacks()).toBeGreaterThanOrEqual(1);
      const received = await until("the second delivery", () => receiver.received.length === 2 && receiver.received);
      expect(received.map(statusOf)).toEqual(["submitted", "processing"]);
    } finally {
      await receiver.close();
    }
  });

  it("keeps delivering to a healthy receiver while a blackholed one (connects, never answers) holds at most one worker", async () => {
    const caller = await apiCaller();
    const sockets = new Set<Socket>();
    let open = 0;
    let mostOpen = 0;
    const blackhole = net.createServer((socket) => {
      sockets.add(socket);
      mostOpen = Math.max(mostOpen, ++open);
      socket.on("close", () => open--);
    });
    await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
    const dead = `http://127.0.0.1:${(blackhole.address() as AddressInfo).port}/hook`;
    const healthy = await localServer(() => ({ status: 200 }));
    try {
      const deadTasks: string[] = [];
      for (let i = 0; i < 6; i++) deadTasks.push(await submitWithCallback(caller, dead, `dead-${i}`));
      await until("a connection to the dead receiver", () => sockets.size >= 1);
      const liveTasks = [await submitWithCallback(caller, `${healthy.url}/hook`, "live-0"), await submitWithCallback(caller, `${healthy.url}/hook`, "live-1")];
      await until("2 deliveries to the healthy receiver", () => healthy.received.length >= 2);
      // Both were delivered while the first delivery to the dead receiver was still waiting for its answer.
      const deadEvents = () => db().apiCallback.findMany({ where: { generationId: { in: deadTasks } } });
      expect((await deadEvents()).map((e) => e.attempts)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(new Set(healthy.received.map((r) => (JSON.parse(r.body) as KlingTask).task_id))).toEqual(new Set(liveTasks));
      expect(mostOpen).toBe(1);
      // The dead receiver's delivery gives up after the short timeout and is retried later, as a failed attempt.
      const failed = await until("a failed attempt at the dead receiver", async () => {
        const events = await deadEvents();
        return events.some((e) => e.attempts > 0) && events;
      });
      expect(failed.find((e) => e.attempts > 0)?.lastError).toBe("no complete answer within 5 s");
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => blackhole.close(() => resolve()));
      await healthy.close();
    }
  }, CEILING.render);

  it("records nothing for tasks without a callback_url", async () => {
    const caller = await apiCaller();
    const answer = await callApi(create, { method: "POST", path: "/v1/videos/text2video", authorization: caller.bearer, body: { prompt: "quiet" } });
    await endWithoutVideo(answer.data!.task_id, { status: "canceled", userId: caller.userId });
    expect(await db().apiCallback.count({ where: { generationId: answer.data!.task_id } })).toBe(0);
  });
});

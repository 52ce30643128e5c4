import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { GET as generationRoute } from "@/app/api/generations/[id]/route";
import { GET as readyRoute } from "@/app/api/ready/route";
import { GET as metricsRoute } from "@/app/metrics/route";
import { userWithCredits, waitForEnd } from "@/tests/support/generations";
import { atRenderQuality } from "@/tests/support/render-quality";
import { authedRequest } from "@/tests/support/session";
import { eventReader } from "@/tests/support/sse";
import { CEILING } from "@/tests/support/ceilings";
import { db } from "../db/client";
import type { RouteContext } from "../http/input";
import { endAllStreams, openGenerationStream } from "../generations/event-stream";
import { submitGeneration } from "../generations/submit";
import { endWithoutVideo } from "../generations/transitions";
import { QUEUES } from "../queue/boss";
import { generationRequestSchema } from "../validation/generation";
import { startWorker, stopWorker } from "../worker/start";
import { startMetricsServer } from "./port.mjs";
import { metrics } from "./registry";

const saved = { ...process.env };
afterEach(() => void (process.env = { ...saved }));
afterAll(() => stopWorker());

const TOKEN = "metrics-token-for-the-test-0123456789";

/** The scrape as Prometheus gets it from GET /metrics. */
async function scrape(): Promise<string> {
  process.env.METRICS_TOKEN = TOKEN;
  const response = await metricsRoute(new NextRequest("http://localhost/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** One sample's value from the text format (0 when the series is absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split("\n")) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return 0;
}

async function submit(user: Awaited<ReturnType<typeof userWithCredits>>, prompt: string) {
  const { generations } = await submitGeneration(user, generationRequestSchema.parse({ kind: "text_to_video", prompt, mode: "professional" }));
  return generations[0]!;
}

describe("GET /metrics", () => {
  it("is off without METRICS_TOKEN and refuses a wrong or missing token", async () => {
    delete process.env.METRICS_TOKEN;
    expect((await metricsRoute(new NextRequest("http://localhost/metrics"))).status).toBe(404);
    process.env.METRICS_TOKEN = TOKEN;
    expect((await metricsRoute(new NextRequest("http://localhost/metrics"))).status).toBe(401);
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, `Basic ${TOKEN}`, "Bearer "]) {
      const refused = await metricsRoute(new NextRequest("http://localhost/metrics", { headers: { authorization } }));
      expect(refused.status, authorization).toBe(401);
      expect(await refused.text()).not.toContain("reelsmith_");
    }
  });

  it("counts a known sequence of jobs: states, engines, render and queue-wait histograms, the ledger, the queue", async () => {
    await stopWorker();
    const before = await scrape();
    const users = [await userWithCredits("standard"), await userWithCredits("standard"), await userWithCredits("standard"), await userWithCredits("standard")];
    const [a, b, broken, cancelled] = [await submit(users[0]!, "a red kite"), await submit(users[1]!, "a blue boat"), await submit(users[2]!, "a grey gull"), await submit(users[3]!, "a gold leaf")];
    await db().generation.update({ where: { id: broken.id }, data: { provider: "no-such-engine" } });
    await endWithoutVideo(cancelled.id, { status: "canceled" });
    const waiting = await scrape();
    // Three jobs wait for a worker (the cancelled one's message is still queued too, until a worker skips it).
    expect(sample(waiting, "reelsmith_queue_depth", { queue: QUEUES.generation })).toBeGreaterThanOrEqual(3);
    expect(sample(waiting, "reelsmith_queue_oldest_job_age_seconds", { queue: QUEUES.generation })).toBeGreaterThan(0);

    await atRenderQuality("preview", async () => {
      await startWorker({ schedules: false });
      for (const g of [a, b, broken]) await waitForEnd(g.id);
    });
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);

    expect(delta("reelsmith_jobs", { state: "succeeded", engine: "local" })).toBe(2);
    expect(delta("reelsmith_jobs", { state: "failed", engine: "no-such-engine" })).toBe(1);
    expect(delta("reelsmith_jobs", { state: "canceled", engine: "local" })).toBe(1);
    expect(delta("reelsmith_render_duration_seconds_count", { engine: "local", outcome: "succeeded" })).toBe(2);
    expect(delta("reelsmith_render_duration_seconds_count", { engine: "no-such-engine", outcome: "failed" })).toBe(1);
    expect(delta("reelsmith_render_duration_seconds_sum", { engine: "local", outcome: "succeeded" })).toBeGreaterThan(0);
    expect(delta("reelsmith_queue_wait_seconds_count", { engine: "local" }) + delta("reelsmith_queue_wait_seconds_count", { engine: "no-such-engine" })).toBe(3);
    // Every job spent its cost; the failed and the cancelled one were refunded; each user got 2,000.
    const cost = a.cost + b.cost + broken.cost + cancelled.cost;
    expect(delta("reelsmith_ledger_credits", { reason: "spend" })).toBe(cost);
    expect(delta("reelsmith_ledger_credits", { reason: "refund" })).toBe(broken.cost + cancelled.cost);
    expect(delta("reelsmith_ledger_credits", { reason: "grant" })).toBe(4 * 2000);
    expect(sample(after, "reelsmith_process_resident_memory_bytes")).toBeGreaterThan(0);
    // The cancelled job's message is taken (and skipped) last.
    await expect.poll(async () => sample(await scrape(), "reelsmith_queue_depth", { queue: QUEUES.generation }), { timeout: CEILING.state }).toBe(0);
  }, CEILING.suite);

  it("counts HTTP requests by route pattern, not by URL", async () => {
    const before = await scrape();
    const user = await userWithCredits("free");
    for (const id of [randomUUID(), randomUUID()]) {
      const response = await generationRoute(await authedRequest(`/api/generations/${id}`, user.id), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(404);
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    // As Next.js calls a route without dynamic segments: a context with no params.
    const ready = await readyRoute(new NextRequest("http://localhost/api/ready", { headers: { "x-request-id": "lb-probe-00000001" } }), {} as RouteContext);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("x-request-id")).toBe("lb-probe-00000001");
    const after = await scrape();
    const delta = (labels: Record<string, string>) => sample(after, "reelsmith_http_requests_total", labels) - sample(before, "reelsmith_http_requests_total", labels);
    expect(delta({ method: "GET", route: "/api/generations/[id]", status: "404" })).toBe(2);
    expect(delta({ method: "GET", route: "/api/ready", status: "200" })).toBe(1);
    expect(after).not.toMatch(/route="\/api\/generations\/[0-9a-f]{8}-/);
    expect(sample(after, "reelsmith_http_request_duration_seconds_count", { method: "GET", route: "/api/ready" })).toBeGreaterThanOrEqual(1);
  });

  it("counts open event streams, and a shutdown ends them without telling browsers to stay away", async () => {
    const user = await userWithCredits("free");
    const streams = [0, 1].map(() => eventReader(openGenerationStream(user.id, new AbortController().signal)));
    for (const stream of streams) await stream.until((events) => events.length >= 0);
    await expect.poll(async () => sample(await scrape(), "reelsmith_event_streams"), { timeout: CEILING.state }).toBe(2);
    expect(endAllStreams()).toBe(2);
    for (const stream of streams) {
      await stream.until(() => false);
      expect(stream.ended).toBe(true);
      expect(stream.events.map((e) => e.event)).not.toContain("superseded");
    }
    expect(sample(await scrape(), "reelsmith_event_streams")).toBe(0);
  });
});

describe("METRICS_PORT", () => {
  it("serves the same scrape on a port of its own, with the token when one is set", async () => {
    metrics(); // what a process does at start
    const server = await startMetricsServer({ METRICS_PORT: "0", METRICS_TOKEN: TOKEN });
    try {
      const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/other`)).status).toBe(404);
      const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/^reelsmith_process_cpu_user_seconds_total \d/m);
    } finally {
      server?.close();
    }
  });

  it("refuses a port that is not a number", async () => {
    await expect(startMetricsServer({ METRICS_PORT: "90000" })).rejects.toThrow(/METRICS_PORT must be a port number/);
  });
});

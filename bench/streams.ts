// Event streams at scale: STREAMS users, each with a queued job and one open event stream (the
// feed machinery of lib/generations/event-stream.ts, in this process, without HTTP). Measures the
// memory each open stream costs, the database queries one job change causes here (the job at the
// head of the queue is cancelled: every stream's job moves up one place), and the time from that
// change's commit until every stream has the news.
// Run: npm run bench:streams   (BENCH_STREAMS; DATABASE_URL to use another server; default: embedded, database reelsmith_bench)
import { randomUUID } from "node:crypto";
import net from "node:net";
import { benchDatabase } from "./bench-db";

const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);

// Every query this process sends, counted on the wire: one Parse ('P') or simple Query ('Q')
// message per statement (pg can be loaded twice, as ESM and CJS, so its classes are no hook).
let queries = 0;
let pgPort = -1;
const write = net.Socket.prototype.write as (...args: unknown[]) => boolean;
net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
  if (this.remotePort === pgPort && chunk instanceof Uint8Array && (chunk[0] === 0x50 || chunk[0] === 0x51)) queries++;
  return write.call(this, chunk, ...rest);
} as typeof net.Socket.prototype.write;

const database = await benchDatabase();
pgPort = Number(new URL(process.env.DATABASE_URL!).port || 5432);
const { db } = await import("../lib/db/client");
const { openGenerationStream } = await import("../lib/generations/event-stream");
const { endWithoutVideo } = await import("../lib/generations/transitions");
const { closeNotifications } = await import("../lib/queue/notifications");
const { stopQueue } = await import("../lib/queue/boss");

const base = Date.UTC(2020, 0, 1);
const job = (userId: string, seconds: number) => ({
  id: randomUUID(),
  userId,
  batchId: randomUUID(),
  kind: "text_to_video" as const,
  status: "queued" as const,
  mode: "standard" as const,
  durationSeconds: 5,
  aspectRatio: "16:9",
  params: {},
  provider: "local",
  cost: 0,
  queueOrder: new Date(base + seconds * 1000),
});

const emails = Array.from({ length: STREAMS + 1 }, () => `bench-${randomUUID()}@example.test`);
await db().user.createMany({ data: emails.map((email) => ({ email })) });
const users = await db().user.findMany({ where: { email: { in: emails } }, select: { id: true } });
const [head, ...followers] = users;
const headJob = job(head!.id, 0);
const jobs = followers.map((u, i) => job(u.id, i + 1));
await db().generation.createMany({ data: [headJob, ...jobs] });

/** One open stream: the place its job last had, and a wait for a given place. */
type Follower = { ahead(): number | null; wait(ahead: number): Promise<void> };

const gc = (globalThis as { gc?: () => void }).gc;
/** The heap after full collections, with turns of the event loop between them (weak and finalised objects go too). */
async function heap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 100));
  }
  return process.memoryUsage().heapUsed;
}
const aborts: AbortController[] = [];
const decoder = new TextDecoder();

function follow(userId: string, jobId: string): Follower {
  let ahead: number | null = null;
  const waiting = new Map<number, () => void>();
  const abort = new AbortController();
  aborts.push(abort);
  const reader = openGenerationStream(userId, abort.signal).getReader();
  let buffer = "";
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!block.startsWith("event: queue")) continue;
        const places = JSON.parse(block.slice(block.indexOf("data: ") + 6)) as { id: string; queue: { ahead: number } }[];
        const mine = places.find((p) => p.id === jobId);
        if (!mine) continue;
        ahead = mine.queue.ahead;
        waiting.get(ahead)?.();
      }
    }
  })();
  return { ahead: () => ahead, wait: (target) => (ahead === target ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(target, resolve))) };
}

// Memory per stream: the heap with half of them open, then with all (what the process holds
// before its first streams is not theirs).
const half = Math.floor(STREAMS / 2);
const streams = jobs.slice(0, half).map((j, i) => follow(followers[i]!.id, j.id));
await Promise.all(streams.map((f, i) => f.wait(i + 1)));
const withHalf = await heap();

try {
  // Every stream has its first place (the followers of the head job: i + 1 jobs ahead at least).
  const firstAt = performance.now();
  streams.push(...jobs.slice(half).map((j, i) => follow(followers[half + i]!.id, j.id)));
  // Follower i has the head job and the i followers before it ahead.
  await Promise.all(streams.map((f, i) => f.wait(i + 1)));
  const firstMs = performance.now() - firstAt;
  const withStreams = await heap();

  await new Promise((r) => setTimeout(r, 1500)); // past the places refresh of the opening
  const q0 = queries;
  await endWithoutVideo(headJob.id, { status: "canceled" });
  const committed = performance.now();
  const q1 = queries;
  await Promise.all(streams.map((f, i) => f.wait(i)));
  const reachMs = performance.now() - committed;
  const q2 = queries;
  const perStream = (withStreams - withHalf) / (STREAMS - half);

  console.log(`${STREAMS} open streams: first places to the second ${STREAMS - half} in ${firstMs.toFixed(0)} ms; heap ${(perStream / 1024).toFixed(1)} KiB per stream${gc ? "" : " (no --expose-gc: noisy)"}`);
  console.log(`one change (the head job cancelled, all ${STREAMS} jobs move up): the change itself ${q1 - q0} queries; the streams ${q2 - q1} queries; reached all in ${reachMs.toFixed(0)} ms`);
  console.log(`streams: ${q2 - q1} queries per job change (goal: independent of open streams; ${reachMs.toFixed(0)} ms to reach ${STREAMS} streams, ${(perStream / 1024).toFixed(1)} KiB each)`);
} finally {
  for (const abort of aborts) abort.abort();
  await closeNotifications();
  await stopQueue();
  await db().$disconnect();
  await database.stop();
}

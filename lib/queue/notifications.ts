import "server-only";
import pg from "pg";
import { db, dbPool } from "../db/client";
import type { RawSql } from "../db/sql";
import { logger } from "../log";

const log = logger("queue");

/**
 * One LISTEN connection per process fans PostgreSQL notifications out to whoever listens here:
 * generation changes to the event streams of the users they belong to, queued jobs to idle
 * workers, engine hints to remote-engine pollers. Publishers (in this process or others) use
 * pg_notify, inside their transaction so a notification is delivered only when it commits.
 */

/** Every change of a generation; payload `{ id, userId }`. */
export const CHANGES_CHANNEL = "generation_changes";
/** Published when a job enters the queue, so idle workers start it without waiting for a poll. */
const QUEUED_CHANNEL = "generation_queued";
/** A remote engine's callback arrived for a generation: its poller (in whichever worker) should look now. */
const ENGINE_HINT_CHANNEL = "engine_hint";
/** A user's row changed where sessions are checked against it; payload: the user's id (a trigger sends it). */
const USER_CHANNEL = "user_changes";

/** Told of every user change this connection hears, and when it stops hearing (the connection dropped). */
export type UserWatcher = { changed(userId: string): void; lost(): void };

type Listener = (generationId: string) => void;

type Hub = {
  client: Promise<pg.Client> | null;
  listeners: Map<string, Set<Listener>>;
  queued: Set<Listener>;
  hints: Map<string, Set<() => void>>;
  /** Called on every generation change of anyone (queue places move for all). */
  anyChange?: Set<() => void>;
  users?: Set<UserWatcher>;
};
const holder = globalThis as { __reelsmithNotificationHub?: Hub };
const hub: Hub = (holder.__reelsmithNotificationHub ??= { client: null, listeners: new Map(), queued: new Set(), hints: new Map() });

function connect(): Promise<pg.Client> {
  hub.client ??= (async () => {
    // Keepalives: a connection that died silently (a NAT or proxy timeout) must end with an error, so
    // whatever relies on hearing every notification (lib/auth/session-cache.ts) learns it.
    const client = new pg.Client({
      connectionString: process.env.DATABASE_URL,
      application_name: "reelsmith-events",
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: 10_000,
    });
    client.on("notification", (message) => {
      if (!message.payload) return;
      if (message.channel === ENGINE_HINT_CHANNEL) return hub.hints.get(message.payload)?.forEach((wake) => wake());
      if (message.channel === USER_CHANNEL) return hub.users?.forEach((watcher) => watcher.changed(message.payload!));
      const { id, userId } = JSON.parse(message.payload) as { id: string; userId: string };
      if (message.channel === QUEUED_CHANNEL) hub.queued.forEach((listener) => listener(id));
      else {
        hub.listeners.get(userId)?.forEach((listener) => listener(id));
        hub.anyChange?.forEach((listener) => listener());
      }
    });
    const lost = () => {
      // A dropped connection is reopened by the next subscriber; streams fall back to polling.
      if (hub.client === opened) hub.client = null;
      hub.users?.forEach((watcher) => watcher.lost());
    };
    client.on("error", lost);
    client.on("end", lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      await client.query(`LISTEN ${QUEUED_CHANNEL}`);
      await client.query(`LISTEN ${ENGINE_HINT_CHANNEL}`);
      await client.query(`LISTEN ${USER_CHANNEL}`);
    } catch (error) {
      lost();
      await client.end().catch(() => {});
      throw error;
    }
    return client;
  })();
  const opened = hub.client;
  return opened;
}

/** Publishes a change of the user's generation (and that it was queued) when `tx` commits. */
export async function publishGenerationChange(tx: RawSql, id: string, userId: string, queued = false): Promise<void> {
  const payload = JSON.stringify({ id, userId });
  if (queued) await tx.$executeRaw`SELECT pg_notify(${CHANGES_CHANNEL}, ${payload}), pg_notify(${QUEUED_CHANNEL}, ${payload})`;
  else await tx.$executeRaw`SELECT pg_notify(${CHANGES_CHANNEL}, ${payload})`;
}

type Publication = { payloads: string[]; sent: () => void };
/** Publications waiting for the one in flight; the next query sends them together. */
const outbox: { waiting: Publication[]; sending: boolean } = { waiting: [], sending: false };
/** Generations per query at most (two notifications each): the statement stays a few tens of kB. */
const MAX_GENERATIONS = 200;

/**
 * Publishes that each of `generations` changed and was queued, once the transaction that queued
 * them has committed: in a transaction of its own that does not wait for its commit record to
 * reach the disk. PostgreSQL holds one database-wide lock from a notifying transaction's commit
 * until its end, fsync included, so submits that notified inside their own transactions committed
 * one at a time, each waiting out every other's fsync (bench:api: most of a submit's time in the
 * database was that wait). A notification is a wake-up, not a record: one lost to a crash between
 * the two commits costs a worker's poll and a stream's refresh, nothing else.
 *
 * The first publication goes out at once; those made while it is in flight go out together in the
 * next query, so under load the process sends one of these transactions per round trip, not one
 * per submit. The promise settles when this publication has been sent (or its failure logged).
 */
export function publishQueued(generations: readonly { id: string; userId: string }[]): Promise<void> {
  if (generations.length === 0) return Promise.resolve();
  const payloads = generations.map((g) => pg.escapeLiteral(JSON.stringify({ id: g.id, userId: g.userId })));
  return new Promise((sent) => {
    outbox.waiting.push({ payloads, sent });
    if (!outbox.sending) void sendWaiting();
  });
}

/** A publication stuck longer than this is given up (logged), so the ones behind it still go out. */
const PUBLISH_TIMEOUT_MS = 10_000;

async function sendWaiting(): Promise<void> {
  outbox.sending = true;
  try {
    while (outbox.waiting.length > 0) {
      let taken = 0;
      let generations = 0;
      while (taken < outbox.waiting.length && (taken === 0 || generations + outbox.waiting[taken]!.payloads.length <= MAX_GENERATIONS)) {
        generations += outbox.waiting[taken]!.payloads.length;
        taken++;
      }
      const batch = outbox.waiting.splice(0, taken);
      const notifies = batch.flatMap((p) => p.payloads).map((payload) => `pg_notify('${CHANGES_CHANNEL}', ${payload}), pg_notify('${QUEUED_CHANNEL}', ${payload})`);
      try {
        // One statement, its own transaction: set_config(…, true) holds until its commit, and a failure leaves no
        // transaction open on the pooled connection.
        // pg reads query_timeout per query (its types list it only on the client's config).
        const query: pg.QueryConfig & { query_timeout: number } = { text: `SELECT set_config('synchronous_commit', 'off', true), ${notifies.join(", ")}`, query_timeout: PUBLISH_TIMEOUT_MS };
        await dbPool().query(query);
      } catch (error) {
        // What it publishes is committed already: a failure is logged, never the submitter's error (a retried submit would run twice).
        log.warn({ err: error }, "could not publish queued generations: workers and streams will find them by polling");
      } finally {
        for (const publication of batch) publication.sent();
      }
    }
  } finally {
    outbox.sending = false;
  }
}

/** Calls `listener` with the id of each of the user's generations that changes; returns the unsubscribe. */
export async function subscribeToGenerations(userId: string, listener: Listener): Promise<() => void> {
  await connect();
  let set = hub.listeners.get(userId);
  if (!set) hub.listeners.set(userId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) hub.listeners.delete(userId);
  };
}

/** Calls `listener` on every change of any user's generation; returns the unsubscribe. */
export async function onAnyGenerationChange(listener: () => void): Promise<() => void> {
  await connect();
  (hub.anyChange ??= new Set()).add(listener);
  return () => hub.anyChange?.delete(listener);
}

/** Tells `watcher` of every change to a user's session fields from now on; resolves once this process is listening. */
export async function watchUserChanges(watcher: UserWatcher): Promise<void> {
  (hub.users ??= new Set()).add(watcher);
  await connect();
}

/** Calls `listener` whenever a generation is queued (workers use it to wake up at once). */
export async function onGenerationQueued(listener: Listener): Promise<() => void> {
  await connect();
  hub.queued.add(listener);
  return () => hub.queued.delete(listener);
}

/** Tells the poller of this generation, in whichever process, to query its remote task now. */
export async function publishEngineHint(generationId: string): Promise<void> {
  await db().$executeRaw`SELECT pg_notify(${ENGINE_HINT_CHANNEL}, ${generationId})`;
}

/** Resolves after `ms`, or as soon as a hint for the generation arrives; rejects when `signal` aborts. */
export async function waitForEngineHint(generationId: string, ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  // Without the LISTEN connection the wait is just a timer: polling alone still finishes the job.
  await connect().catch(() => undefined);
  return new Promise((resolve, reject) => {
    let set = hub.hints.get(generationId);
    if (!set) hub.hints.set(generationId, (set = new Set()));
    const waiting = set;
    const finish = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", abort);
      waiting.delete(wake);
      if (waiting.size === 0 && hub.hints.get(generationId) === waiting) hub.hints.delete(generationId);
    };
    const wake = () => {
      finish();
      resolve();
    };
    const abort = () => {
      finish();
      reject(signal.reason);
    };
    const timer = setTimeout(wake, ms);
    waiting.add(wake);
    signal.addEventListener("abort", abort, { once: true });
  });
}

/** Closes this process's LISTEN connection (shutdown, tests). */
export async function closeNotifications(): Promise<void> {
  const client = hub.client;
  hub.client = null;
  hub.queued.clear();
  hub.users?.forEach((watcher) => watcher.lost());
  if (client) await (await client).end().catch(() => {});
}

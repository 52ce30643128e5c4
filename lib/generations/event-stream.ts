import "server-only";
import type { Generation } from "../db/generated/client";
import { logger } from "../log";
import { metrics } from "../metrics/registry";
import { onAnyGenerationChange, subscribeToGenerations } from "../queue/notifications";
import { presentGeneration } from "./present";
import { ACTIVE_STATUSES, findGeneration, listGenerations } from "./queries";
import type { QueuePlaceEvent } from "./queue-place";
import { queuePlacesOf } from "./queue-position";

const log = logger("events");

/**
 * Server-sent events of a user's generations: the active ones at once, then every change
 * (`event: generation`, data = the generation as GET /api/generations shows it).
 *
 * All of a user's streams in this process share one feed: a change is fetched from the database
 * once and written to each of them, so open tabs do not multiply the queries. A user has at most
 * MAX_STREAMS_PER_USER streams here; opening another closes the oldest, after telling its
 * browser (`event: superseded`) not to reconnect.
 *
 * Queued jobs move up whenever anyone's job starts or ends: after any change (at most once per
 * PLACES_EVERY_MS) one query finds the places of every queued job followed in this process, and
 * each feed whose jobs moved gets one `event: queue` (data: [{ id, queue }]).
 */

export const MAX_STREAMS_PER_USER = 5;
const KEEPALIVE_MS = 15_000;
const PLACES_EVERY_MS = 1000;

type Stream = { send(chunk: string): void; close(reason: string): void; end(): void };

type Feed = {
  streams: Stream[];
  /** Changed generation ids not yet sent; changes that arrive during a send coalesce, so streams end on the latest state. */
  pending: Set<string>;
  flushing: boolean;
  unsubscribe: Promise<() => void>;
  /** The queued jobs its streams show, with the place last sent for each (JSON; "" before the first). */
  places: Map<string, string>;
};

const holder = globalThis as { __reelsmithGenerationFeeds?: Map<string, Feed> };
const feeds = (holder.__reelsmithGenerationFeeds ??= new Map());

const generationEvent = (view: ReturnType<typeof presentGeneration>) => `event: generation\ndata: ${JSON.stringify(view)}\n\n`;
const queueEvent = (places: QueuePlaceEvent) => `event: queue\ndata: ${JSON.stringify(places)}\n\n`;

/** Keeps the feed's set of queued jobs current with what its streams were just sent. */
function track(feed: Feed, g: Generation): void {
  if (g.status !== "queued") feed.places.delete(g.id);
  else if (!feed.places.has(g.id)) {
    feed.places.set(g.id, "");
    schedulePlaces();
  }
}

const places = (globalThis as { __reelsmithQueuePlaces?: { timer: ReturnType<typeof setTimeout> | null; again: boolean; lastAt: number; listening: boolean } })
  .__reelsmithQueuePlaces ??= { timer: null, again: false, lastAt: 0, listening: false };

function schedulePlaces(): void {
  if (places.timer) {
    places.again = true;
    return;
  }
  places.timer = setTimeout(() => void sendPlaces(), Math.max(50, places.lastAt + PLACES_EVERY_MS - Date.now()));
}

async function sendPlaces(): Promise<void> {
  places.lastAt = Date.now();
  places.again = false;
  try {
    const waiting = [...feeds].filter(([, feed]) => feed.places.size > 0);
    if (waiting.length === 0) return;
    const found = await queuePlacesOf(waiting.map(([userId]) => userId));
    for (const [userId, feed] of waiting) {
      const moved: QueuePlaceEvent = [];
      for (const place of found.get(userId) ?? []) {
        const json = JSON.stringify(place.queue);
        if (!feed.places.has(place.id) || feed.places.get(place.id) === json) continue;
        feed.places.set(place.id, json);
        moved.push(place);
      }
      if (moved.length) for (const stream of [...feed.streams]) stream.send(queueEvent(moved));
    }
  } catch (error) {
    log.error({ err: error }, "could not send queue places");
  } finally {
    places.timer = null;
    if (places.again) schedulePlaces();
  }
}

async function flush(userId: string, feed: Feed): Promise<void> {
  if (feed.flushing) return;
  feed.flushing = true;
  try {
    while (feed.pending.size) {
      const id: string = feed.pending.values().next().value!;
      feed.pending.delete(id);
      try {
        const generation = await findGeneration(userId, id);
        if (!generation) continue;
        const chunk = generationEvent(presentGeneration(generation));
        for (const stream of [...feed.streams]) stream.send(chunk);
        track(feed, generation);
      } catch (error) {
        // One failed fetch loses one update, not the stream: the next change of it brings it up to date.
        log.error({ err: error, generationId: id, userId }, "could not send a generation to the user's streams");
      }
    }
  } finally {
    feed.flushing = false;
  }
}

function feedFor(userId: string): Feed {
  let feed = feeds.get(userId);
  if (feed) return feed;
  const created: Feed = { streams: [], pending: new Set(), flushing: false, unsubscribe: Promise.resolve(() => {}), places: new Map() };
  created.unsubscribe = subscribeToGenerations(userId, (id) => {
    created.pending.add(id);
    void flush(userId, created);
  });
  feeds.set(userId, (feed = created));
  if (!places.listening) {
    places.listening = true;
    onAnyGenerationChange(schedulePlaces).catch(() => (places.listening = false));
  }
  return feed;
}

/** Ends the user's feed once no stream reads it any more. */
function dropIfUnused(userId: string, feed: Feed): void {
  if (feed.streams.length > 0 || feeds.get(userId) !== feed) return;
  feeds.delete(userId);
  feed.unsubscribe.then(
    (unsubscribe) => unsubscribe(),
    () => {},
  );
}

function leave(userId: string, feed: Feed, stream: Stream): void {
  const index = feed.streams.indexOf(stream);
  if (index >= 0) feed.streams.splice(index, 1);
  dropIfUnused(userId, feed);
}

/**
 * Ends every stream of this process without `superseded` (the process is shutting down), so each
 * browser reconnects after the stream's retry delay, to a process that is still serving.
 */
export function endAllStreams(): number {
  let ended = 0;
  for (const feed of [...feeds.values()]) {
    for (const stream of [...feed.streams]) {
      stream.end();
      ended++;
    }
  }
  return ended;
}

/** The user's open streams in this process (tests, diagnostics). */
export function openStreamCount(userId: string): number {
  return feeds.get(userId)?.streams.length ?? 0;
}

/** A server-sent event stream of the user's generations, ended when `signal` aborts or the client goes away. */
export function openGenerationStream(userId: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stream: Stream | null = null;
  let feed: Feed | null = null;
  let keepalive: ReturnType<typeof setInterval> | undefined;
  const end = () => {
    clearInterval(keepalive);
    if (feed && stream) {
      leave(userId, feed, stream);
      metrics().eventStreams.dec();
    }
    stream = null;
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const own: Stream = {
        send(chunk) {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(chunk));
          } catch {
            // The client went away between our check and this write: the stream is over.
            open = false;
            end();
          }
        },
        close(reason) {
          if (open) own.send(`event: superseded\ndata: ${JSON.stringify({ message: reason })}\n\n`);
          own.end();
        },
        end() {
          if (open) {
            open = false;
            controller.close();
          }
          end();
        },
      };
      let joined = feedFor(userId);
      try {
        await joined.unsubscribe;
        // The feed's last stream may have left while this one waited: join the user's current feed.
        while (feeds.get(userId) !== joined) await (joined = feedFor(userId)).unsubscribe;
      } catch (error) {
        // No LISTEN connection: this stream fails (the browser polls instead) and the next one tries again.
        dropIfUnused(userId, joined);
        log.error({ err: error, userId }, "could not listen for the user's generation changes");
        return controller.error(error);
      }
      // A request aborted before the client read anything never reaches cancel() below.
      if (signal.aborted) {
        dropIfUnused(userId, joined);
        return controller.close();
      }
      signal.addEventListener("abort", () => end(), { once: true });
      // The oldest streams make way for this one.
      while (joined.streams.length >= MAX_STREAMS_PER_USER) {
        joined.streams[0]!.close("Too many live views are open for this account; this one stopped updating. Reload the page to follow your videos here.");
      }
      joined.streams.push(own);
      feed = joined;
      stream = own;
      metrics().eventStreams.inc();
      keepalive = setInterval(() => own.send(": keepalive\n\n"), KEEPALIVE_MS);
      own.send("retry: 3000\n\n");
      try {
        const { items } = await listGenerations(userId, { status: ACTIVE_STATUSES, limit: 100 });
        for (const g of items.reverse()) {
          own.send(generationEvent(presentGeneration(g)));
          track(joined, g);
        }
        // Places other streams of this feed already have; the rest follow within PLACES_EVERY_MS.
        const known: QueuePlaceEvent = [...joined.places].filter(([, json]) => json).map(([id, json]) => ({ id, queue: JSON.parse(json) }));
        if (known.length) own.send(queueEvent(known));
      } catch (error) {
        log.error({ err: error, userId }, "could not list the user's active generations");
        end();
        controller.error(error);
      }
    },
    cancel() {
      end();
    },
  });
}

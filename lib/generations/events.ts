import "server-only";
import pg from "pg";
import { CHANGES_CHANNEL, QUEUED_CHANNEL } from "./transitions";

/**
 * One LISTEN connection per web process fans generation changes out to the event streams of
 * the users they belong to. Workers (in this process or others) publish with pg_notify.
 */

type Listener = (generationId: string) => void;

type Hub = { client: Promise<pg.Client> | null; listeners: Map<string, Set<Listener>>; queued: Set<Listener> };
const holder = globalThis as { __reelsmithGenerationHub?: Hub };
const hub: Hub = (holder.__reelsmithGenerationHub ??= { client: null, listeners: new Map(), queued: new Set() });

function connect(): Promise<pg.Client> {
  hub.client ??= (async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: "reelsmith-events" });
    client.on("notification", (message) => {
      if (!message.payload) return;
      const { id, userId } = JSON.parse(message.payload) as { id: string; userId: string };
      if (message.channel === QUEUED_CHANNEL) hub.queued.forEach((listener) => listener(id));
      else hub.listeners.get(userId)?.forEach((listener) => listener(id));
    });
    client.on("error", () => {
      // A dropped connection is reopened by the next subscriber; streams fall back to polling.
      hub.client = null;
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    await client.query(`LISTEN ${QUEUED_CHANNEL}`);
    return client;
  })();
  return hub.client;
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

/** Calls `listener` whenever a generation is queued (workers use it to wake up at once). */
export async function onGenerationQueued(listener: Listener): Promise<() => void> {
  await connect();
  hub.queued.add(listener);
  return () => hub.queued.delete(listener);
}

/** Closes this process's LISTEN connection (shutdown, tests). */
export async function closeGenerationEvents(): Promise<void> {
  const client = hub.client;
  hub.client = null;
  hub.queued.clear();
  if (client) await (await client).end().catch(() => {});
}

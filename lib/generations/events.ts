import "server-only";
import pg from "pg";
import { CHANGES_CHANNEL } from "./transitions";

/**
 * One LISTEN connection per web process fans generation changes out to the event streams of
 * the users they belong to. Workers (in this process or others) publish with pg_notify.
 */

type Listener = (generationId: string) => void;

type Hub = { client: Promise<pg.Client> | null; listeners: Map<string, Set<Listener>> };
const holder = globalThis as { __reelsmithGenerationHub?: Hub };
const hub: Hub = (holder.__reelsmithGenerationHub ??= { client: null, listeners: new Map() });

function connect(): Promise<pg.Client> {
  hub.client ??= (async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: "reelsmith-events" });
    client.on("notification", (message) => {
      if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
      const { id, userId } = JSON.parse(message.payload) as { id: string; userId: string };
      hub.listeners.get(userId)?.forEach((listener) => listener(id));
    });
    client.on("error", () => {
      // A dropped connection is reopened by the next subscriber; streams fall back to polling.
      hub.client = null;
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
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

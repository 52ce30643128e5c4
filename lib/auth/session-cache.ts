import "server-only";
import { watchUserChanges } from "../queue/notifications";

/**
 * The session rows this process has read, kept until the row changes, so a signed-in request
 * costs no query for its user. A trigger on "User" (migration 20261202173500_user_changes)
 * notifies every process when a column a session is checked against changes; each process
 * forgets that user when it hears it. Rows are kept only while this process's LISTEN connection
 * is up: a change made while it is down would go unheard, so then nothing is kept and every
 * request reads the row. A writer in this process also forgets at once (forgetSessionUser), so
 * its own next request sees the change; another process sees it when the notification arrives,
 * within milliseconds of the commit. A submit re-checks suspension under a lock whatever this says.
 */
export type SessionRow = { id: string; email: string; name: string | null; plan: string; sessionVersion: number; suspended: boolean; emailVerified: boolean };

/** A backstop only: every change is heard long before this. */
const KEEP_MS = 60_000;
const MAX_KEPT = 50_000;

const kept = new Map<string, { row: SessionRow; at: number }>();
/** Moves on every change heard and whenever listening starts or stops: a read that saw it move keeps nothing. */
let epoch = 0;
let listening: "no" | "starting" | "yes" = "no";
/** After a failed attempt to listen, the next waits this long (requests meanwhile read the database). */
const RETRY_MS = 5_000;
let retryAt = 0;

const watcher = {
  changed(userId: string) {
    epoch++;
    kept.delete(userId);
  },
  lost() {
    epoch++;
    kept.clear();
    listening = "no";
  },
};

function listen(): void {
  if (listening !== "no" || Date.now() < retryAt) return;
  listening = "starting";
  watchUserChanges(watcher).then(
    () => {
      if (listening !== "starting") return;
      epoch++;
      listening = "yes";
    },
    () => {
      listening = "no";
      retryAt = Date.now() + RETRY_MS;
    },
  );
}

/** The user's session row: the kept one, or `read()`'s, kept when no change could have slipped past it. */
export async function sessionRow(id: string, read: () => Promise<SessionRow | undefined>, now: number = Date.now()): Promise<SessionRow | undefined> {
  listen();
  const hit = kept.get(id);
  if (hit && listening === "yes" && now - hit.at < KEEP_MS) return hit.row;
  const before = epoch;
  const wasListening = listening === "yes";
  const row = await read();
  if (row && wasListening && listening === "yes" && epoch === before) {
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(id, { row, at: now });
  }
  return row;
}

/** Called by this process's writers of a user's session fields, after the write: the next read goes to the database. */
export function forgetSessionUser(userId: string): void {
  watcher.changed(userId);
}

/** Where a queued job stands: jobs that start before it on its engine, and about how long until it starts (null: no recent renders to go by). */
export type QueuePlace = { ahead: number; etaSeconds: number | null };

/** The `queue` server-sent event: the places of some of the user's queued jobs. */
export type QueuePlaceEvent = { id: string; queue: QueuePlace }[];

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

function about(seconds: number): string {
  if (seconds < 5) return "starting soon";
  if (seconds < 90) return `about ${Math.round(seconds / 5) * 5} s`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} min`;
  return `about ${Math.round(seconds / 3600)} h`;
}

/** "3rd in line · about 40 s" (the job itself counts: nothing ahead is 1st in line). */
export function queuePlaceLabel(place: QueuePlace): string {
  const line = `${ordinal(place.ahead + 1)} in line`;
  return place.etaSeconds === null ? line : `${line} · ${about(place.etaSeconds)}`;
}

/** The views among `views` that a queue event moves, with their new place. */
export function withQueuePlaces<V extends { id: string; status: string; queue?: QueuePlace | null }>(views: Iterable<V>, event: QueuePlaceEvent): V[] {
  const places = new Map(event.map((e) => [e.id, e.queue]));
  const moved: V[] = [];
  for (const view of views) {
    const queue = places.get(view.id);
    if (queue && view.status === "queued") moved.push({ ...view, queue });
  }
  return moved;
}

// Calendar days in the operator's time zone (pricing config `timeZone`), for the daily bonus.

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(at: Date, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The day each zone was last asked about, and when it ends: every signed-in request asks, and Intl is slow. */
const lastDay = new Map<string, { key: string; from: number; until: number }>();

/** The calendar day of `at` in the zone, as YYYY-MM-DD. */
export function dayKey(at: Date, timeZone: string): string {
  const known = lastDay.get(timeZone);
  if (known && at.getTime() >= known.from && at.getTime() < known.until) return known.key;
  const { year, month, day } = parts(at, timeZone);
  const key = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  // Only `at` onwards is known to be this day (its start may lie before): enough for a clock moving forwards.
  lastDay.set(timeZone, { key, from: at.getTime(), until: endOfDay(at, timeZone).getTime() });
  return key;
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function offsetMs(at: Date, timeZone: string): number {
  const p = parts(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The first instant of the next calendar day in the zone: when a daily bonus expires. */
export function endOfDay(at: Date, timeZone: string): Date {
  const { year, month, day } = parts(at, timeZone);
  const midnightWall = Date.UTC(year, month - 1, day + 1);
  // Two passes settle the offset across a daylight-saving change.
  let guess = midnightWall - offsetMs(new Date(midnightWall), timeZone);
  guess = midnightWall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 86_400_000);
}

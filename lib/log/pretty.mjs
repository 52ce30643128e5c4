// Development output: `12:04:05.123 INFO  worker  message  key=value …` instead of JSON, formatted in
// this thread (pino-pretty's transport needs a worker thread, which Next.js's bundling gets in the way of).
const COLOURS = { trace: 90, debug: 36, info: 32, warn: 33, error: 31, fatal: 35 };
const HIDDEN = new Set(["time", "level", "msg", "component", "pid", "hostname"]);

/** One pino JSON line as a short coloured line for a terminal. */
export function prettyLine(json) {
  let entry;
  try {
    entry = JSON.parse(json);
  } catch {
    return json;
  }
  const time = typeof entry.time === "string" ? entry.time.slice(11, 23) : "";
  const level = String(entry.level ?? "info");
  const colour = COLOURS[level] ?? 0;
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN.has(key) && key !== "err")
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  const stack = entry.err?.stack ? `\n${entry.err.stack}` : "";
  const component = entry.component ? ` ${entry.component}` : "";
  return `${time} \u001b[${colour}m${level.toUpperCase().padEnd(5)}\u001b[0m${component} ${entry.msg ?? ""}${fields.length ? `  ${fields.join(" ")}` : ""}${stack}\n`;
}

// The process's one logger (pino): JSON lines on stdout, pretty lines in development. Plain
// JavaScript, so scripts/next-server.mjs (run by node itself) and the app's bundled code share it;
// the root lives on globalThis because Next.js gives its bundles their own module instances.
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { prettyLine } from "./pretty.mjs";

/** Field names whose values are secrets, at the top level or one object down (masked by scrubArgument). */
const SECRET_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "sessionToken",
  "secret",
  "secretKey",
  "secret_key",
  "apiKey",
  "accessKey",
  "webhookSecret",
  "authorization",
  "cookie",
  "signature",
];
const SECRET_KEYS = new Set(SECRET_FIELDS);
const CENSOR = "[redacted]";

/** Secrets written inside a message: `token=…` style parameters, bearer tokens, URL credentials, our API secrets. */
const SECRET_TEXT = [
  [/\b((?:token|secret|password|signature|sig|key|code)=)[^&\s"']+/gi, "$1[redacted]"],
  [/\b(Bearer\s+)[\w.~+/=-]+/gi, "$1[redacted]"],
  [/(\/\/[^/\s:@]+:)[^@\s/]+@/g, "$1[redacted]@"],
  [/\b(sk|rk|whsec)_[\w-]{8,}/g, "$1_[redacted]"],
];

/** `text` with the secrets it may carry masked. */
export function scrub(text) {
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of `error` whose message and stack are scrubbed, its causes' too (the thrown error itself is left alone). */
function scrubError(error, outer = new Set()) {
  const copy = new Error(scrub(error.message));
  Object.assign(copy, error);
  copy.name = error.name;
  copy.stack = error.stack && scrub(error.stack);
  outer.add(error);
  // A cause chain can loop back (an error made its own cause): that link is cut, not followed forever.
  if (error.cause instanceof Error) copy.cause = outer.has(error.cause) ? "[circular]" : scrubError(error.cause, outer);
  return copy;
}

const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * `fields` with its secret fields masked: the secret names themselves and `headers["set-cookie"]`,
 * and `depth` more objects down. The same object when nothing in it is secret (a line's usual case:
 * nothing is copied), otherwise a copy; what the caller logged is never changed.
 */
function redacted(fields, depth) {
  let copy;
  const mask = (key, value) => ((copy ??= { ...fields })[key] = value);
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (SECRET_KEYS.has(key)) mask(key, CENSOR);
    else if (key === "headers" && isRecord(value) && Object.hasOwn(value, "set-cookie")) mask(key, { ...redacted(value, 0), "set-cookie": CENSOR });
    else if (depth > 0 && isRecord(value)) {
      const inner = redacted(value, depth - 1);
      if (inner !== value) mask(key, value instanceof Error ? errorWith(value, inner) : inner);
    }
  }
  return copy ?? fields;
}

/** A scrubbed copy of `error` carrying `masked`, what redacted() made of it: an error keeps its message and stack. */
function errorWith(error, masked) {
  const copy = scrubError(error);
  return masked === error ? copy : Object.assign(copy, masked);
}

/** What is logged, with the secrets in it masked (pino's own redaction, by wildcard paths, allocated ~30 kB a line). */
function scrubArgument(arg) {
  if (typeof arg === "string") return scrub(arg);
  if (arg instanceof Error) return errorWith(arg, redacted(arg, 1));
  if (Array.isArray(arg)) return redacted(arg, 1);
  if (isRecord(arg)) return redacted(arg.err instanceof Error ? { ...arg, err: scrubError(arg.err) } : arg, 1);
  return arg;
}

const holder = globalThis;
holder.__reelsmithLogContext ??= new AsyncLocalStorage();
const context = holder.__reelsmithLogContext;

/** Runs `work` with `bindings` (a request id, a job id) added to every line logged inside it, however deep. */
export function withLogContext(bindings, work) {
  return context.run({ ...context.getStore(), ...bindings }, work);
}

function defaultSink() {
  if (process.env.NODE_ENV === "development" && process.env.LOG_FORMAT !== "json") return { write: (line) => process.stdout.write(prettyLine(line)) };
  if (process.env.NODE_ENV !== "production") return process.stdout;
  // A production server logs every request: lines gather while the previous write is under way and
  // go out together, off the event loop (a synchronous write per line cost ~3 % of a request's CPU).
  // What has gathered is written out before the process exits.
  const destination = pino.destination({ dest: 1, sync: false });
  process.on("exit", () => {
    try {
      destination.flushSync();
    } catch {
      // Nothing gathered, or stdout is gone.
    }
  });
  return destination;
}

/** Where lines go: stdout, or a test's capture (captureLogs). */
const sink = { write: (line) => (holder.__reelsmithLogSink ?? (holder.__reelsmithDefaultSink ??= defaultSink())).write(line) };

const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

function createRoot() {
  const wanted = (process.env.LOG_LEVEL ?? "info").toLowerCase();
  return pino(
    {
      level: LEVELS.has(wanted) ? wanted : "info",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Secret fields and secrets in text are masked by the logMethod hook (scrubArgument) and here, not by pino's redact.
      // A copy: pino merges each call's fields into what mixin returns.
      mixin: () => redacted({ ...context.getStore() }, 1),
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(scrubArgument));
        },
      },
    },
    sink,
  );
}

/** A logger for one part of the product: `logger("worker")` writes `{"component":"worker",…}`. */
export function logger(component) {
  holder.__reelsmithLog ??= createRoot();
  return holder.__reelsmithLog.child({ component });
}

/** Tests: sends every line to `lines` (raw JSON text) until the returned function is called. */
export function captureLogs(lines) {
  holder.__reelsmithLogSink = { write: (line) => void lines.push(line) };
  return () => {
    holder.__reelsmithLogSink = undefined;
  };
}

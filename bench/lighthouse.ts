// Lighthouse performance of /studio, / and /gallery: the production build on its own fresh database,
// signed in as a new user (signed up and signed in over HTTP, as the e2e fixtures do), Lighthouse's
// default mobile emulation (Moto G-class screen, simulated slow 4G and 4× CPU slowdown), driving the
// system Chromium; the median of 3 runs per page, by performance score.
// Run: npm run bench:lighthouse            (runs `next build` first)
//      npm run bench:lighthouse -- --no-build   (serves the existing .next)
// LIGHTHOUSE_RUNS to change the runs per page, LIGHTHOUSE_PAGES (comma-separated paths) to audit
// other pages, LIGHTHOUSE_PORT for the server's port (default 3290), LIGHTHOUSE_LONG_TASKS=1 to list
// each run's long tasks (script, start, duration).
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const PORT = Number(process.env.LIGHTHOUSE_PORT ?? 3290);
const PAGES = process.env.LIGHTHOUSE_PAGES?.split(",") ?? ["/studio", "/", "/gallery"];
const GOAL = 95;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const base = `http://127.0.0.1:${PORT}`;
const root = path.resolve(import.meta.dirname, "..");

if (!process.argv.includes("--no-build")) {
  execFileSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

const server = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/serve.ts", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, EMBEDDED_PG_DATABASE: "reelsmith_lighthouse", EMBEDDED_PG_RESET: "1", NEXTAUTH_URL: base, BILLING_MODE: "test", NEXT_TELEMETRY_DISABLED: "1" },
});
const serverExit = new Promise<never>((_, reject) => server.once("exit", (code) => reject(new Error(`The server exited (${code}) before the benchmark finished.`))));
serverExit.catch(() => {}); // awaited through Promise.race; after the benchmark its exit is expected
let chrome: chromeLauncher.LaunchedChrome | undefined;

/** Waits (up to two minutes: a cold start migrates a fresh database) for the server to answer its health check. */
async function serverReady(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (up) return;
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 250)), serverExit]);
  }
  throw new Error(`The server did not answer ${base}/api/health within two minutes.`);
}

const cookieOf = (response: Response, name: string) =>
  response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith(`${name}=`));

/** A new user, signed up and signed in through next-auth's credentials flow: its session cookie. */
async function signedInCookie(): Promise<string> {
  const user = { email: `lighthouse-${randomUUID().slice(0, 8)}@example.test`, password: `Reel-${randomUUID().slice(0, 8)}-pass!`, name: "Lighthouse" };
  const signup = await fetch(`${base}/api/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(user) });
  if (signup.status !== 201) throw new Error(`Sign-up answered ${signup.status}: ${await signup.text()}`);
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signin = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieOf(csrf, "next-auth.csrf-token") ?? "" },
    body: new URLSearchParams({ csrfToken, email: user.email, password: user.password, json: "true" }),
  });
  const session = cookieOf(signin, "next-auth.session-token");
  if (!session) throw new Error(`Sign-in gave no session cookie (${signin.status}).`);
  return session;
}

type Run = { score: number; lcp: number; tbt: number; cls: number; fcp: number; slowestScripts: string; benchmarkIndex: number };

async function audit(url: string, cookie: string): Promise<Run> {
  const result = await lighthouse(url, { port: chrome!.port, output: "json", logLevel: "error", onlyCategories: ["performance"], extraHeaders: { cookie } });
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`Lighthouse returned no report for ${url}.`);
  if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
  if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) throw new Error(`${url} redirected to ${lhr.finalDisplayedUrl}: not signed in?`);
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  // What to look at when a score drops: the scripts with the most main-thread time. (Lighthouse 12.2
  // finds no LCP element in this Chromium's traces, so none is printed.)
  const items = (id: string) => ((lhr.audits[id]?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []);
  const scripts = items("bootup-time")
    .slice(0, 3)
    .map((item) => `${String(item.url).replace(base, "")} ${Math.round(Number(item.total))} ms`);
  if (process.env.LIGHTHOUSE_LONG_TASKS) console.log(items("long-tasks").map((t) => `${String(t.url).replace(base, "")} @${Math.round(Number(t.startTime))} ${Math.round(Number(t.duration))} ms`).join("\n"));
  const kinds = items("mainthread-work-breakdown")
    .slice(0, 3)
    .map((item) => `${String(item.groupLabel ?? item.group)} ${Math.round(Number(item.duration))} ms`);
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcp: metric("largest-contentful-paint"),
    tbt: metric("total-blocking-time"),
    cls: metric("cumulative-layout-shift"),
    fcp: metric("first-contentful-paint"),
    slowestScripts: `${scripts.join(", ")} (${kinds.join(", ")})`,
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
  };
}

const medians: Record<string, Run> = {};
try {
  await Promise.race([serverReady(), serverExit]);
  const cookie = await signedInCookie();
  chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  for (const page of PAGES) {
    await fetch(`${base}${page}`, { headers: { cookie } }); // one render first, so no run pays for a cold module cache
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await audit(`${base}${page}`, cookie));
    const median = [...runs].sort((a, b) => a.score - b.score)[Math.floor(runs.length / 2)]!;
    medians[page] = median;
    console.log(
      `${page}: performance ${median.score} (runs ${runs.map((r) => r.score).join(", ")}); ` +
        `FCP ${(median.fcp / 1000).toFixed(1)} s, LCP ${(median.lcp / 1000).toFixed(1)} s, TBT ${Math.round(median.tbt)} ms, CLS ${median.cls.toFixed(3)}`,
    );
    console.log(`  most main-thread time: ${median.slowestScripts}; host benchmark index ${median.benchmarkIndex} (Lighthouse's CPU measure: a busy machine scores low, and its TBT is inflated)`);
  }
} finally {
  await chrome?.kill();
  const stopped = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await stopped; // the server stops the embedded database it started
}
console.log(`lighthouse: ${medians["/studio"]!.score} /studio performance (goal ≥ ${GOAL})`);
process.exit(0);

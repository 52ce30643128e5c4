// The web tier under concurrency: authenticated price, list and submit endpoints next to
// GET /api/health (one SELECT 1) on the same production server (`npm start`, WORKER_MODE=separate:
// no renders compete), at 10 and 50 connections (autocannon): requests per second and p99 latency on established connections,
// each as a ratio of health's (p99: health's p99 / the endpoint's) in the same round, the median of
// BENCH_ROUNDS rounds. Each connection is a user of its own.
// Run: npm run build && npm run bench:api   (BENCH_SECONDS per run, BENCH_ROUNDS, BENCH_PORT; DATABASE_URL to use
// another server; default: embedded, database reelsmith_bench)
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { benchDatabase } from "./bench-db";
import { median, percentile } from "./timing";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3204);
const GOAL = 0.7;
// For a quick look at one endpoint while working on it (the headline then covers only what ran).
const ONLY = process.env.BENCH_ONLY;
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "10,50").split(",").map(Number);

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}

const database = await benchDatabase();
process.env.NEXTAUTH_SECRET ??= randomUUID();
const { db } = await import("../lib/db/client");
const { grantCredits } = await import("../lib/credits/ledger");

// One signed-in user per connection, as a public service sees its load: many people, each a request at a time.
// (One user's own submits queue behind each other on their credit rows, by design: a spend locks them.)
const USERS = Math.max(...[10, 50]);
const cookies: string[] = [];
for (let i = 0; i < USERS; i++) {
  const user = await db().user.create({ data: { email: `bench-${randomUUID()}@example.test`, plan: "premier", emailVerified: new Date() } });
  await grantCredits({ userId: user.id, source: "promo", amount: 100_000_000, expiresAt: new Date("2099-01-01"), externalRef: `bench-${user.id}` });
  const token = await encode({ token: { uid: user.id, sub: user.id, sv: user.sessionVersion }, secret: process.env.NEXTAUTH_SECRET });
  cookies.push(`next-auth.session-token=${token}`);
}

const server = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/serve.ts", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
  env: { ...process.env, BILLING_MODE: process.env.BILLING_MODE ?? "test", WORKER_MODE: "separate", NEXTAUTH_URL: `http://127.0.0.1:${PORT}`, NEXT_TELEMETRY_DISABLED: "1" },
  stdio: ["ignore", "ignore", "inherit"], // its request logs are not read here
  detached: true,
});
const base = `http://127.0.0.1:${PORT}`;

async function serverUp(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error("the server did not answer /api/health within 120 s");
    await new Promise((r) => setTimeout(r, 250));
  }
}

const requestBody = JSON.stringify({ kind: "text_to_video", prompt: "a bench of paper lanterns", duration: 5 });
const json = { "content-type": "application/json" };
const ENDPOINTS = [
  { name: "GET /api/health", method: "GET", path: "/api/health", headers: {}, signedIn: false },
  { name: "POST /api/credits/price", method: "POST", path: "/api/credits/price", headers: json, body: requestBody, signedIn: true },
  { name: "GET /api/generations", method: "GET", path: "/api/generations?limit=12", headers: {}, signedIn: true },
  { name: "POST /api/generations", method: "POST", path: "/api/generations", headers: json, body: requestBody, signedIn: true },
] as const;

type Result = { rps: number; p99: number; firstMax: number; errors: number };

async function load(endpoint: (typeof ENDPOINTS)[number], connections: number): Promise<Result> {
  let next = 0;
  // Each run opens its connections at once, and Node accepts one connection per turn of its event loop:
  // under load the 50th connection's first request waits 50 turns, longer the more work a turn holds.
  // That is connection set-up, paid once per connection a client opens, not the endpoint's latency, so
  // p99 is taken over the answers on established connections, and the first answers are shown apart.
  const established: number[] = [];
  const first: number[] = [];
  const result = await autocannon({
    setupClient: (client) => {
      // Each connection signs in as its own user.
      if (endpoint.signedIn) client.setHeaders({ ...endpoint.headers, cookie: cookies[next++ % cookies.length]! });
      let answered = 0;
      client.on("response", (_status: number, _bytes: number, ms: number) => (answered++ === 0 ? first : established).push(ms));
    },
    url: `${base}${endpoint.path}`,
    method: endpoint.method,
    headers: endpoint.headers,
    body: "body" in endpoint ? endpoint.body : undefined,
    connections,
    duration: SECONDS,
  });
  return { rps: result.requests.average, p99: percentile(established, 99), firstMax: Math.max(...first), errors: result.non2xx + result.errors };
}

try {
  await serverUp();
  // Warm the routes (first compile of each handler's module graph).
  for (const endpoint of ENDPOINTS) await load(endpoint, 2).catch(() => undefined);
  const measured = ENDPOINTS.slice(1).filter((e) => !ONLY || e.name.includes(ONLY));
  let worst = Infinity;
  for (const connections of CONNECTIONS) {
    // Rounds of health then each endpoint, each endpoint's ratios against the health run of its own round:
    // the machine's speed drifts over minutes, and a ratio is only fair between neighbouring runs.
    const rounds: { health: Result; results: Result[] }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const health = await load(ENDPOINTS[0], connections);
      const results: Result[] = [];
      for (const endpoint of measured) results.push(await load(endpoint, connections));
      rounds.push({ health, results });
    }
    const healthRps = median(rounds.map((r) => r.health.rps));
    const healthP99 = median(rounds.map((r) => r.health.p99));
    const healthFirst = median(rounds.map((r) => r.health.firstMax));
    console.log(`${connections} connections: ${ENDPOINTS[0].name} ${healthRps.toFixed(0)} req/s, p99 ${healthP99.toFixed(0)} ms, first answers within ${healthFirst.toFixed(0)} ms (medians of ${ROUNDS} rounds)`);
    for (const [i, endpoint] of measured.entries()) {
      const runs = rounds.map((r) => ({ ...r.results[i]!, rpsRatio: r.results[i]!.rps / r.health.rps, p99Ratio: r.health.p99 / Math.max(r.results[i]!.p99, 1) }));
      const rpsRatio = median(runs.map((r) => r.rpsRatio));
      const p99Ratio = median(runs.map((r) => r.p99Ratio));
      const errors = runs.reduce((sum, r) => sum + r.errors, 0);
      worst = Math.min(worst, rpsRatio, p99Ratio);
      console.log(
        `  ${endpoint.name}: ${median(runs.map((r) => r.rps)).toFixed(0)} req/s (${rpsRatio.toFixed(2)} of health), p99 ${median(runs.map((r) => r.p99)).toFixed(0)} ms (${p99Ratio.toFixed(2)}), first answers within ${median(runs.map((r) => r.firstMax)).toFixed(0)} ms` +
          `  [rounds: ${runs.map((r) => `${r.rpsRatio.toFixed(2)}/${r.p99Ratio.toFixed(2)}`).join(", ")}]` +
          (errors ? `, ${errors} errors` : ""),
      );
    }
  }
  console.log(`api: ${worst.toFixed(2)} of health at worst (goal ≥ ${GOAL} for req/s and p99 of price, list and submit at 10 and 50 connections; median of ${ROUNDS} rounds)`);
} finally {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
  await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
  await db().$disconnect();
  await database.stop();
}
